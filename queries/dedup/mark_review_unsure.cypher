// An analyst was unsure about a pending review item: note who, when and why on the item, which
// stays pending for a second analyst (the judgement itself is an UNSURE edge).
// params: id, actor, at, reason, judgement_id
MATCH (q:ReviewItem {id: $id, status: 'pending'})
SET q.unsure_by = coalesce(q.unsure_by, []) + $actor,
    q.unsure_reasons = coalesce(q.unsure_reasons, []) + $reason,
    q.unsure_judgements = coalesce(q.unsure_judgements, []) + $judgement_id,
    q.last_unsure_at = $at
RETURN size(q.unsure_by) AS unsure_count

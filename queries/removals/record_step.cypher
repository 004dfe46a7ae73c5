// One step of a referral's life, taken only from the status the caller saw (so two people
// answering at once cannot both): the status, its time and person, and the step kept.
// params: id, from, to, by, at, note, evidence, due_at, pack_id, step
MATCH (ref:RemovalReferral {id: $id}) WHERE ref.status = $from
SET ref.status = $to,
    ref.approved_at = CASE WHEN $to = 'approved' THEN $at ELSE ref.approved_at END,
    ref.approved_by = CASE WHEN $to = 'approved' THEN $by ELSE ref.approved_by END,
    ref.sent_at = CASE WHEN $to = 'sent' THEN $at ELSE ref.sent_at END,
    ref.sent_by = CASE WHEN $to = 'sent' THEN $by ELSE ref.sent_by END,
    ref.due_at = CASE WHEN $to = 'sent' THEN $due_at ELSE ref.due_at END,
    ref.pack_id = CASE WHEN $to = 'sent' THEN $pack_id ELSE ref.pack_id END,
    ref.acknowledged_at = CASE WHEN $to = 'acknowledged' THEN $at ELSE ref.acknowledged_at END,
    ref.answered_at = CASE WHEN $to IN ['removed', 'restricted', 'refused', 'no_response']
                           THEN $at ELSE ref.answered_at END,
    ref.answer_note = CASE WHEN $to IN ['removed', 'restricted', 'refused', 'no_response']
                           THEN $note ELSE ref.answer_note END
CREATE (ref)-[:STEP]->(:RemovalStep {
  id: $id + ':' + toString($step), seq: $step, status: $to, at: $at, by: $by, note: $note,
  evidence: $evidence
})
RETURN ref.id AS id

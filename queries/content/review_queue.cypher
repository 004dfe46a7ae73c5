// A page of the pending duplicate reviews, oldest first (created_at, then id), after the
// cursor's item ($after_at is its toString(created_at), so it compares exactly), with the
// evidence for each and the analysts who answered it UNSURE (it stays pending for another).
// Hub staff only: a viewer who does not see all forces gets nothing.
// params: after_at, after_id, limit, viewer_sees_all
MATCH (q:ReviewItem {status: 'pending'})-[:ABOUT_REPORT]->(r:Report)
WHERE $viewer_sees_all
  AND ($after_at IS NULL
       OR q.created_at > datetime($after_at)
       OR (q.created_at = datetime($after_at) AND q.id > $after_id))
RETURN q.id AS id, q.reason AS reason, q.score AS score, q.explanation AS explanation,
       q.candidate_cluster_id AS candidate_id, q.candidates AS candidate_ids,
       toString(q.created_at) AS created_at, r.id AS report_id,
       coalesce(q.unsure_by, []) AS unsure_by, coalesce(q.unsure_reasons, []) AS unsure_reasons
ORDER BY q.created_at, q.id
LIMIT $limit

// Close pending review items about reports an analyst has decided on.
// params: report_ids, status, actor, at
MATCH (q:ReviewItem {status: 'pending'})-[:ABOUT_REPORT]->(r:Report)
WHERE r.id IN $report_ids
SET q.status = $status, q.decided_by = $actor, q.decided_at = $at

// Pending duplicate reviews, oldest first, with the evidence for each.
// params: limit
MATCH (q:ReviewItem {status: 'pending'})-[:ABOUT_REPORT]->(r:Report)
RETURN q.id AS id, q.reason AS reason, q.score AS score, q.explanation AS explanation,
       q.candidate_cluster_id AS candidate_id, q.candidates AS candidate_ids,
       q.created_at AS created_at, r.id AS report_id, r.cluster_id AS report_content_id
ORDER BY q.created_at, q.id
LIMIT $limit

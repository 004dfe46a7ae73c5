// Cases without an assessment decision, oldest first, with when their first report arrived.
// params: limit
MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster)
WHERE k.status = 'open' AND k.recording_decided_at IS NULL
MATCH (r:Report {cluster_id: c.id})
WITH k, min(r.received_at) AS first_received
RETURN k.id AS id, first_received
ORDER BY first_received, k.id
LIMIT $limit

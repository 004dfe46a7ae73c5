// Cases with the content clusters they concern (DataLoader batch).
// params: ids
MATCH (k:Case) WHERE k.id IN $ids
OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster)
RETURN k.id AS id, k.status AS status, k.created_at AS created_at, collect(c.id) AS content_ids

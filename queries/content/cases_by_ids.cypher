// Cases with the content clusters they concern (DataLoader batch).
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, viewer_sees_all
MATCH (k:Case) WHERE $viewer_sees_all AND k.id IN $ids
OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster)
RETURN k.id AS id, k.status AS status, k.created_at AS created_at, collect(c.id) AS content_ids

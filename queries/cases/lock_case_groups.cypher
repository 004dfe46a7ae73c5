// Cases with the content they concern, write-locked for a merge or split: two analysts cannot
// regroup the same cases at once, and the plan is made on what is stored.
// params: ids
MATCH (k:Case) WHERE k.id IN $ids
SET k.regrouped_at = datetime()
WITH k
OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster)
WITH k, c ORDER BY c.id
RETURN k.id AS id, k.status AS status, k.merged_into AS merged_into,
       [x IN collect(c.id) WHERE x IS NOT NULL] AS content_ids

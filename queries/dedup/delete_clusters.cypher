// Remove derived cluster nodes that no longer have members (their block keys go with them;
// a case that concerned only them is kept, with its history, and marked superseded).
// params: ids
UNWIND $ids AS cid
MATCH (c:ContentCluster {id: cid})
WHERE NOT EXISTS { MATCH (r:Report {cluster_id: cid}) }
OPTIONAL MATCH (k:Case)-[:CONCERNS]->(c)
SET k.status = CASE WHEN COUNT { (k)-[:CONCERNS]->() } = 1 THEN 'superseded' ELSE k.status END
DETACH DELETE c

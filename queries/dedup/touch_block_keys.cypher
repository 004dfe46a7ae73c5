// Index clusters under blocking keys (the time lets lookups prefer the most recent).
// params: rows
UNWIND $rows AS row
MERGE (b:BlockKey {key: row.key})
WITH b, row
MATCH (c:ContentCluster {id: row.cluster_id})
MERGE (b)-[e:BLOCKS]->(c)
SET e.at = datetime(row.at)

// Index clusters under blocking keys they are not yet indexed under (the caller knows the
// edges are new: every existing edge of a looked-up key came back from the lookup).
// params: rows
UNWIND $rows AS row
MERGE (b:BlockKey {key: row.key})
WITH b, row
MATCH (c:ContentCluster {id: row.cluster_id})
CREATE (b)-[:BLOCKS {at: datetime(row.at)}]->(c)

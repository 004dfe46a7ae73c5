// Index clusters under blocking keys they are not yet indexed under (the caller knows the
// edges are new: every existing edge of a looked-up key came back from the lookup). A key
// written under a larger max_per_block may hold an older edge beyond the lookup's limit: the
// new edge is then a second one, and dedup/prune_block_keys, run on the same keys in the same
// transaction, deletes the older one, as it lies below every edge the lookup returned.
// params: rows
UNWIND $rows AS row
MERGE (b:BlockKey {key: row.key})
WITH b, row
MATCH (c:ContentCluster {id: row.cluster_id})
CREATE (b)-[:BLOCKS {at: datetime(row.at)}]->(c)

// Write blocking keys' cluster lists, most recently indexed first. The caller computed each
// list from the one it read under the linker lock in the same transaction
// (dedup/find_clusters_by_keys), capped at max_per_block: a viral post or a prolific account
// cannot make lookups slower as the graph grows. One property write per key, not an edge per
// (key, cluster) and a later deletion.
// params: rows
UNWIND $rows AS row
MERGE (b:BlockKey {key: row.key})
SET b.clusters = row.clusters

// Candidate content clusters for blocking keys: each key's list of clusters, most recently
// indexed first (capped), one row per key found. A listed cluster may since have been removed
// by an analyst's merge or split: dedup/cluster_versions says which still exist.
// params: keys, per_key
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
RETURN key, coalesce(b.clusters, [])[..$per_key] AS ids

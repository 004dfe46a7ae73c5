// Candidate content clusters for blocking keys: each key found with its list of clusters, most
// recently indexed first (capped). One record for the whole batch: the driver's cost is per
// record. A listed cluster may since have been removed by an analyst's merge or split:
// dedup/cluster_versions says which still exist.
// params: keys, per_key
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
RETURN collect(key) AS keys, collect(coalesce(b.clusters, [])[..$per_key]) AS lists

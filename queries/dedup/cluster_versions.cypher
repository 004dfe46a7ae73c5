// The summary version of each cluster that exists ('' if none: graph/dedup/summary_cache.py);
// an id that no longer names a cluster returns no row.
// params: ids
UNWIND $ids AS id
MATCH (c:ContentCluster {id: id})
RETURN id, coalesce(c.version, '') AS version

// Each of the clusters that exist with its summary version ('' if none:
// graph/dedup/summary_cache.py), as [id, version] pairs in one record; an id that no longer
// names a cluster is left out.
// params: ids
UNWIND $ids AS id
MATCH (c:ContentCluster {id: id})
RETURN collect([id, coalesce(c.version, '')]) AS found

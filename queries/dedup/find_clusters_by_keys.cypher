// Candidate content clusters for blocking keys: the most recently touched per key (capped),
// one row per key found. Returns ids and summary versions ('' if none: graph/dedup/summary_cache.py);
// summaries come once per cluster from dedup/clusters_by_ids, or from the cache.
// params: keys, per_key
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
CALL (b) {
  MATCH (b)-[e:BLOCKS]->(c:ContentCluster)
  RETURN c.id AS id, c.version AS version, e.at AS touched
  ORDER BY touched DESC
  LIMIT $per_key
}
RETURN key, collect(id) AS ids, collect(coalesce(version, '')) AS versions

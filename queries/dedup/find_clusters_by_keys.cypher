// Candidate content clusters for blocking keys: the most recently touched per key (capped),
// one row per key found. Returns ids only; summaries come once per cluster from
// dedup/clusters_by_ids.
// params: keys, per_key
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
CALL (b) {
  MATCH (b)-[e:BLOCKS]->(c:ContentCluster)
  RETURN c.id AS id, e.at AS touched
  ORDER BY touched DESC
  LIMIT $per_key
}
RETURN key, collect(id) AS ids

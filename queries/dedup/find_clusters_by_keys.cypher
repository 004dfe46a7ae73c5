// Candidate content clusters for blocking keys: the most recently touched per key (capped).
// params: keys, per_key
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
CALL (b) {
  MATCH (b)-[e:BLOCKS]->(c:ContentCluster)
  RETURN c, e.at AS touched
  ORDER BY touched DESC
  LIMIT $per_key
}
RETURN key, c.id AS id, c.anchor AS anchor, c.platform AS platform, c.post_key AS post_key,
       c.handles AS handles, c.texts AS texts, c.first_at AS first_at, c.last_at AS last_at,
       c.victim_keys AS victim_keys, c.report_count AS report_count

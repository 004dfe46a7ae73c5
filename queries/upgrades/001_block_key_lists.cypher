// A block index written as BLOCKS edges (before each key held a list) becomes each
// key's list, most recently indexed first, and the edges go. Safe to repeat; without such
// edges it finds nothing at once (the relationship type lookup index answers).
// params:
MATCH (b:BlockKey)-[:BLOCKS]->()
WITH DISTINCT b
CALL (b) {
  MATCH (b)-[e:BLOCKS]->(c:ContentCluster)
  WITH b, e, c ORDER BY e.at DESC
  WITH b, collect(c.id) AS ids, collect(e) AS edges
  SET b.clusters = coalesce(b.clusters, []) + [id IN ids WHERE NOT id IN coalesce(b.clusters, [])]
  FOREACH (e IN edges | DELETE e)
} IN TRANSACTIONS OF 1000 ROWS

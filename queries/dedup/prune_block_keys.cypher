// Keep at most $cap clusters per blocking key (the most recent): a viral post or a prolific
// account cannot make lookups slower as the graph grows.
// params: keys, cap
UNWIND $keys AS key
MATCH (b:BlockKey {key: key})
WHERE COUNT { (b)-[:BLOCKS]->() } > $cap
CALL (b) {
  MATCH (b)-[e:BLOCKS]->()
  WITH e ORDER BY e.at DESC
  SKIP $cap
  DELETE e
}

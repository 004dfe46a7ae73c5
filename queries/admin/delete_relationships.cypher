// Delete every relationship (benchmarks only), in batches, before the nodes: DETACH DELETE of a
// node with a million relationships (a platform in a 1M-report graph) exceeds the memory pool.
// params:
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS

// Remove the baseline benchmark's nodes.
// params:
MATCH (n:BenchBaseline)
CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS

// Empty the database (tests only), in batches so a large graph does not exhaust memory.
// params:
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

// Wait until every index is online (after schema changes).
// params:
CALL db.awaitIndexes(300)

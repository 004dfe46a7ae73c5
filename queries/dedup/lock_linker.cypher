// Serialise duplicate linking: one linker writes at a time, inside the intake transaction.
// params:
MERGE (l:LinkerLock {id: 'content'})
SET l.at = datetime()

// Serialise identity writes: one linker run or analyst decision at a time (held to commit).
// params:
MERGE (l:LinkerLock {id: 'identity'})
SET l.at = datetime()

// Serialise duplicate linking: one linker writes at a time, inside the intake transaction.
// Each hold advances seq: linking prepared under seq n (bulk intake prepares the next batch's
// in the transaction before) is still exact if the next hold reads n + 1.
// params:
MERGE (l:LinkerLock {id: 'content'})
SET l.at = datetime(), l.seq = coalesce(l.seq, 0) + 1
RETURN l.seq AS seq

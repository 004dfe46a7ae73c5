// Take the outbox's write lock for the rest of the transaction: runs claim messages one at a
// time, so no message is claimed twice.
// params: at
MERGE (l:UpdatesOutboxLock {id: 'outbox'})
SET l.at = $at

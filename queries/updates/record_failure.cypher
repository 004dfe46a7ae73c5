// One claimed message's attempt failed: the error, and either its next attempt or failed.
// params: id, run, at, status, next_attempt_at, error
MATCH (m:UpdateMessage {id: $id}) WHERE m.claim = $run AND m.status = 'sending'
SET m.status = $status, m.attempts = m.attempts + 1, m.last_attempt_at = $at,
    m.last_error = $error, m.next_attempt_at = coalesce($next_attempt_at, m.next_attempt_at),
    m.claimed_until = null
RETURN m.id AS id

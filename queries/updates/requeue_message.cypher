// An operator sends a failed message again: pending now, its attempts counted afresh; who and
// when are kept on the message.
// params: id, by, at
MATCH (m:UpdateMessage {id: $id}) WHERE m.status = 'failed'
SET m.status = 'pending', m.attempts = 0, m.next_attempt_at = $at, m.requeued_by = $by,
    m.requeued_at = $at, m.claim = null
RETURN m.id AS id

// Claimed messages whose recipient can no longer be contacted (consent or address gone).
// params: ids, run, at, reason
MATCH (m:UpdateMessage) WHERE m.id IN $ids AND m.claim = $run AND m.status = 'sending'
SET m.status = 'cancelled', m.cancelled_at = $at, m.last_error = $reason, m.claimed_until = null
RETURN count(m) AS cancelled

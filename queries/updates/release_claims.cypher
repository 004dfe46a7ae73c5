// Claimed messages the run did not try (its channel failed first): pending again, from
// `next_attempt_at`, with the channel's error; no attempt is counted.
// params: ids, run, next_attempt_at, error
MATCH (m:UpdateMessage) WHERE m.id IN $ids AND m.claim = $run AND m.status = 'sending'
SET m.status = 'pending', m.next_attempt_at = $next_attempt_at, m.last_error = $error,
    m.claimed_until = null
RETURN count(m) AS released

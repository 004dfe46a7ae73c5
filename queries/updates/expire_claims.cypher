// Messages a run claimed and never recorded a result for (it stopped): failed, not retried
// blindly, since the mail may have gone. An operator checks and retries (requeue_message).
// params: now, error
MATCH (m:UpdateMessage {status: 'sending'}) WHERE m.claimed_until < $now
SET m.status = 'failed', m.last_error = $error, m.claimed_until = null
RETURN count(m) AS expired

// One claimed message delivered: when, in which language. Recorded even if its claim ran out
// meanwhile (expire_claims marked it failed): it was sent, and that is what the outbox says.
// params: id, run, at, language
MATCH (m:UpdateMessage {id: $id}) WHERE m.claim = $run AND m.status IN ['sending', 'failed']
SET m.status = 'sent', m.sent_at = $at, m.attempts = m.attempts + 1, m.last_attempt_at = $at,
    m.language = $language, m.claimed_until = null
RETURN m.id AS id

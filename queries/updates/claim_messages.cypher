// Claim the messages ready for an attempt (pending, their next attempt due, a channel this run
// has), soonest deadline first, under the outbox lock (lock_outbox, same transaction): each is
// marked `sending` by the run until `until`. With the recipient's consent, addresses and latest language
// choice as they stand now.
// params: now, until, run, channels, limit
MATCH (m:UpdateMessage)
WHERE m.status = 'pending' AND m.next_attempt_at <= $now AND m.channel IN $channels
WITH m ORDER BY m.due_at, m.key LIMIT $limit
SET m.status = 'sending', m.claimed_until = $until, m.claim = $run
WITH m
OPTIONAL MATCH (p:Person {id: m.recipient_id})
RETURN m.id AS id, m.key AS key, m.event_kind AS event_kind, m.params AS params,
       m.event_at AS event_at,
       m.channel AS channel, m.attempts AS attempts, m.report_id AS report_id,
       p.consent_to_contact AS consent,
       COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address }[0] AS email,
       COLLECT { MATCH (p)-[:HAS_PHONE]->(t:Phone) RETURN t.e164 }[0] AS phone,
       COLLECT {
         MATCH (p)-[:PREFERS]->(u:UpdatePreference)
         RETURN u.language ORDER BY u.recorded_at DESC, u.id DESC
       }[0] AS language

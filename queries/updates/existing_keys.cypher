// Which of these outbox keys already have a message (so a run works out deadlines only for
// new ones).
// params: keys
MATCH (m:UpdateMessage) WHERE m.key IN $keys
RETURN collect(m.key) AS keys

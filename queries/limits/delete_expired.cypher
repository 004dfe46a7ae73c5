// Delete up to $batch counters that can no longer refuse anything (expired before $now).
// params: now, batch
MATCH (c:LimitCounter) WHERE c.expires_at < $now
WITH c LIMIT $batch
DETACH DELETE c
RETURN count(*) AS deleted

// Requests in the given statuses (optionally only those expiring before a time), soonest
// expiry or oldest draft first, after a cursor.
// params: statuses, expiring_before, after_key, limit
MATCH (q:DataRequest)
WHERE q.status IN $statuses
  AND ($expiring_before IS NULL OR (q.expires_at IS NOT NULL AND q.expires_at < $expiring_before))
WITH q, toString(coalesce(q.expires_at, q.drafted_at)) + '|' + q.id AS key
WHERE $after_key IS NULL OR key > $after_key
RETURN q.id AS id, key
ORDER BY key
LIMIT $limit

// Take a token from a rate bucket, under its lock (graph/limits/rules.py take_token): refilled
// at $per_s since it was last seen, up to $capacity; one taken when one is there. Returns the
// tokens it held, from which the caller works out the wait. A clock behind the bucket's adds
// nothing and does not move it back.
// params: key, now, capacity, per_s
MERGE (b:LimitCounter {key: $key})
ON CREATE SET b.tokens = $capacity, b.seen = $now
SET b.expires_at = $now + $capacity / $per_s
WITH b, b.tokens + CASE WHEN $now > b.seen THEN ($now - b.seen) * $per_s ELSE 0.0 END AS grown
WITH b, CASE WHEN grown > $capacity THEN $capacity ELSE grown END AS have
SET b.tokens = CASE WHEN have >= 1.0 THEN have - 1.0 ELSE have END,
    b.seen = CASE WHEN $now > b.seen THEN $now ELSE b.seen END
RETURN have

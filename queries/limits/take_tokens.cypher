// Take up to $want whole tokens from a rate bucket at once, under its lock (graph/limits/rules.py
// take_tokens): refilled at $per_s since it was last seen, up to $capacity; none taken when it
// holds less than one. Returns the tokens it held and those taken; an API worker spends them
// itself (its lease, api/rate_limit.py). A clock behind the bucket's adds nothing and does not
// move it back.
// params: key, now, capacity, per_s, want
MERGE (b:LimitCounter {key: $key})
ON CREATE SET b.tokens = $capacity, b.seen = $now
SET b.expires_at = $now + $capacity / $per_s
WITH b, b.tokens + CASE WHEN $now > b.seen THEN ($now - b.seen) * $per_s ELSE 0.0 END AS grown
WITH b, CASE WHEN grown > $capacity THEN $capacity ELSE grown END AS have
WITH b, have, CASE WHEN floor(have) < $want THEN toInteger(floor(have)) ELSE $want END AS taken
SET b.tokens = have - taken,
    b.seen = CASE WHEN $now > b.seen THEN $now ELSE b.seen END
RETURN have, taken

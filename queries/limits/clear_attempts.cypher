// Forget an attempts counter's failures (a right access code); the node goes at its expiry.
// params: key
MATCH (c:LimitCounter {key: $key})
SET c.times = []
RETURN size(c.times) AS used

// The floor of a shared counter (bench/api_limits.py): one MERGE on the counters' unique key and
// one property set, in its own write transaction, with none of the limit's arithmetic.
// params: key
MERGE (c:LimitCounter {key: $key})
SET c.expires_at = 0.0
RETURN c.key AS key

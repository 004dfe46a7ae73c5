// Take a slot at $now in every attempts counter named, or in none when one is full
// (graph/limits/rules.py take_attempts). Each counter is locked by the SET of its expiry before
// its times are read, so a check on another worker waits and then reads what this one wrote;
// counters are locked in the order given, the same order in every check.
// params: counters, now
UNWIND $counters AS counter
MERGE (c:LimitCounter {key: counter.key})
ON CREATE SET c.times = []
SET c.expires_at = $now + counter.window_s
WITH c, counter, [t IN coalesce(c.times, []) WHERE t > $now - counter.window_s] AS kept
WITH collect({c: c, kept: kept, full: size(kept) >= counter.limit}) AS rows
WITH rows, none(r IN rows WHERE r.full) AS taken
UNWIND rows AS r
WITH taken, r.c AS c, CASE WHEN taken THEN r.kept + $now ELSE r.kept END AS times
SET c.times = times
RETURN taken, collect(size(times)) AS used

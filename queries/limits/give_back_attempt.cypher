// Give back the slot an attempts counter gave at $at (a check that turned out right), under the
// counter's lock (graph/limits/rules.py give_back).
// params: key, at
MATCH (c:LimitCounter {key: $key})
SET c.expires_at = c.expires_at
WITH c, [i IN range(0, size(c.times) - 1) WHERE c.times[i] = $at] AS found
SET c.times = CASE WHEN found = [] THEN c.times
                   ELSE c.times[..found[0]] + c.times[found[0] + 1..] END
RETURN size(c.times) AS used

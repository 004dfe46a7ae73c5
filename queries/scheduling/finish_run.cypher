// How a claimed run ended: ok or failed, with its summary (or the error) and its duration.
// params: key, status, summary, at, seconds
MATCH (r:ScheduledRun {key: $key})
SET r.status = $status, r.summary = $summary, r.finished_at = $at, r.seconds = $seconds
RETURN r.key AS key

// The latest runs, newest first.
// params: limit
MATCH (r:ScheduledRun)
RETURN r.key AS key, r.job AS job, r.slot AS slot, r.worker AS worker, r.status AS status,
       r.summary AS summary, r.started_at AS started_at, r.finished_at AS finished_at,
       r.seconds AS seconds
ORDER BY r.started_at DESC, r.key
LIMIT $limit

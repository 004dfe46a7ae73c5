// Runs still marked running long after they started: their scheduler stopped mid-run.
// params: before, at
MATCH (r:ScheduledRun {status: 'running'}) WHERE r.started_at < $before
SET r.status = 'abandoned', r.finished_at = $at,
    r.summary = 'the scheduler that claimed it stopped before it finished'
RETURN count(r) AS abandoned

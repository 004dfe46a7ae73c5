// Claim one slot of one job; a second claim of the same key breaks the unique constraint.
// params: key, job, slot, worker, at
CREATE (r:ScheduledRun {key: $key, job: $job, slot: $slot, worker: $worker,
                        started_at: $at, status: 'running'})
RETURN r.key AS key

// Scheduled jobs (graph/scheduling/): one ScheduledRun per (job, slot), its key unique so only
// one scheduler can claim a slot; found by start time (recent runs) and status (stale claims).
// params:
CREATE CONSTRAINT scheduled_run_key IF NOT EXISTS FOR (r:ScheduledRun) REQUIRE r.key IS UNIQUE;
CREATE INDEX scheduled_run_started IF NOT EXISTS FOR (r:ScheduledRun) ON (r.started_at);
CREATE INDEX scheduled_run_status IF NOT EXISTS FOR (r:ScheduledRun) ON (r.status);

// Intake conflicts: a journalled referral whose (source, source_ref) was meanwhile written with
// another payload, kept for an analyst (ingest/conflicts.py), one per journal reference.
// params:
CREATE CONSTRAINT intake_conflict_reference IF NOT EXISTS FOR (c:IntakeConflict) REQUIRE c.reference IS UNIQUE;
CREATE INDEX intake_conflict_status IF NOT EXISTS FOR (c:IntakeConflict) ON (c.status, c.detected_at);

// A report written before reports kept their three times (docs/STATISTICS.md) gets them: when
// the person reported it is the referral's submission time (`submitted_at`, as its raw payload
// carried it) unless that lies after the hub received it (beyond five minutes of a sender's
// clock skew), when it is the receipt time; when the incident happened is its `occurred_at`,
// bounded the same way, and stays unknown where the referral gave none. (The configured
// earliest date, OHCH_EARLIEST_REPORT_DATE, bounds dates as they are taken in: an upgrade takes
// no settings.) Batched and safe to repeat: a report with its times is not touched again, so
// with none left it finds nothing to do.
// params:
MATCH (r:Report) WHERE r.reported_at IS NULL
CALL (r) {
  WITH r, r.received_at + duration({minutes: 5}) AS latest
  SET r.reported_at = CASE
        WHEN r.submitted_at IS NOT NULL AND r.submitted_at <= latest THEN r.submitted_at
        ELSE r.received_at END,
      r.incident_at = CASE
        WHEN r.occurred_at IS NULL THEN null
        WHEN r.occurred_at <= latest THEN r.occurred_at
        ELSE r.received_at END
} IN TRANSACTIONS OF 5000 ROWS

// A report's three times (docs/STATISTICS.md): when the person reported it and when the
// incident happened, beside when the hub received it (002_intake.cypher), each with its index,
// so a window counted by any of them starts from an index (graph/intel/bounds.py TimeBasis).
// ReportDay counts are kept a basis (upgrades/003_report_times.cypher).
// params:
CREATE INDEX report_reported_at IF NOT EXISTS FOR (r:Report) ON (r.reported_at);
CREATE INDEX report_incident_at IF NOT EXISTS FOR (r:Report) ON (r.incident_at);
CREATE INDEX report_day_basis IF NOT EXISTS FOR (d:ReportDay) ON (d.basis, d.dimension, d.day);

// Reports an ISO week (Monday, UTC) by hate strand, platform, force and suspect account, a time
// basis: the day counts (006_report_days.cypher, 'force' and 'account' beside 'strand' and
// 'platform') rolled up a week, kept with them in the same transaction by every change that
// moves them (docs/STATISTICS.md, "The day and week counts kept for windowed questions"). A
// window adds up its whole weeks from these and at most twelve edge days from the day counts
// (graph/intel/bounds.py whole_weeks), so its cost follows the window's weeks, not the graph.
// One node a (basis, dimension, key, week).
// params:
CREATE CONSTRAINT report_week_id IF NOT EXISTS FOR (w:ReportWeek) REQUIRE w.id IS UNIQUE;
CREATE INDEX report_week_basis IF NOT EXISTS FOR (w:ReportWeek) ON (w.basis, w.dimension, w.week);

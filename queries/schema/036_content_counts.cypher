// Most-reported content over a long window, for hub staff (intel/most_reported_content_counted):
// a content cluster's reports ever (`ContentCluster.counted_reports`, kept by
// dedup/count_content_reports and upgrades/007_content_counts) bound which clusters can reach a
// page, and each of those is read from its own day and week counts (dimension 'content', key
// the cluster id) by one index seek, not every cluster's counts of the window.
// params:
CREATE INDEX content_cluster_counted IF NOT EXISTS FOR (c:ContentCluster) ON (c.counted_reports);
CREATE INDEX report_week_key IF NOT EXISTS FOR (w:ReportWeek) ON (w.basis, w.dimension, w.key, w.week);
CREATE INDEX report_day_key IF NOT EXISTS FOR (d:ReportDay) ON (d.basis, d.dimension, d.key, d.day);

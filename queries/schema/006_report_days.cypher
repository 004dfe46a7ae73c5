// Reports received a day (UTC) by hate strand and by platform, kept by intake in the same
// transaction as the reports (queries/intake/count_report_days.cypher): weekly trends over a
// long window add up a few hundred of these instead of reading every report (a year of the 1M
// bench graph took 1.5-2.8 s). One node a (dimension, key, day); its id is the three joined.
// params:
CREATE CONSTRAINT report_day_id IF NOT EXISTS FOR (d:ReportDay) REQUIRE d.id IS UNIQUE;
CREATE INDEX report_day_day IF NOT EXISTS FOR (d:ReportDay) ON (d.day);
// The marker a data upgrade leaves once it has run (upgrades/002_report_days.cypher).
CREATE CONSTRAINT data_upgrade_id IF NOT EXISTS FOR (u:DataUpgrade) REQUIRE u.id IS UNIQUE;

// Add a batch's reports a day by strand and by platform, a time basis (ingest/report_days.py),
// to the counts weekly trends add up (schema/006_report_days.cypher), and the same counts to
// their ISO weeks (schema/035_report_weeks.cypher), in the transaction that created them.
// (Reports by force are counted as their clusters are assigned: dedup/assign_reports.)
// params: days
UNWIND $days AS counted
MERGE (d:ReportDay {id: counted.id})
  ON CREATE SET d.basis = counted.basis, d.dimension = counted.dimension, d.key = counted.key,
                d.day = date(counted.day), d.reports = 0
SET d.reports = d.reports + counted.reports
WITH counted.basis AS basis, counted.dimension AS dimension, counted.key AS key,
     date.truncate('week', date(counted.day)) AS week, sum(counted.reports) AS n
ORDER BY basis, dimension, key, week
MERGE (w:ReportWeek {id: basis + '|' + dimension + '|' + key + '|' + toString(week)})
  ON CREATE SET w.basis = basis, w.dimension = dimension, w.key = key, w.week = week,
                w.reports = 0
SET w.reports = w.reports + n

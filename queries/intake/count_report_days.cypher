// Add a batch's reports a day by strand and by platform, a time basis (ingest/report_days.py),
// to the counts weekly trends add up (schema/006_report_days.cypher), in the transaction that
// created them.
// params: days
UNWIND $days AS counted
MERGE (d:ReportDay {id: counted.id})
  ON CREATE SET d.basis = counted.basis, d.dimension = counted.dimension, d.key = counted.key,
                d.day = date(counted.day), d.reports = 0
SET d.reports = d.reports + counted.reports

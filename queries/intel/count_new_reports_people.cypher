// Intake's part of the counts kept for people (schema/037_person_counts.cypher), in the
// transaction that creates the reports $report_ids: each report naming two suspect accounts or
// more is added to the reports a day and a week so named (one entry a report and account), so
// prolific persons count it once however many of its accounts one person holds. Returns the
// victim identities whose kept counts the new reports could change (a victim of a report
// naming two accounts or more, or one already given a person), for
// intel/count_victim_identities; a victim intake has just created and not yet linked is an
// identity of one report, which neither repeat victims nor campaigns can show.
// params: report_ids
UNWIND $report_ids AS id
MATCH (r:Report {id: id})
WITH r, COLLECT { MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a.key } AS keys
CALL (r, keys) {
  WITH r, keys WHERE size(keys) >= 2
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH r, keys, t[0] AS basis, date(datetime.fromepochmillis(t[1].epochMillis)) AS day
  ORDER BY basis, day
  MERGE (d:SuspectsDay {id: basis + '|' + toString(day)})
    ON CREATE SET d.basis = basis, d.day = day, d.reports = [], d.accounts = []
  SET d.reports = d.reports + [k IN keys | r.id], d.accounts = d.accounts + keys
  WITH r, keys, basis, date.truncate('week', day) AS week
  MERGE (w:SuspectsWeek {id: basis + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.week = week, w.reports = [], w.accounts = []
  SET w.reports = w.reports + [k IN keys | r.id], w.accounts = w.accounts + keys
}
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH r, keys, v WHERE size(keys) >= 2 OR v.person_id IS NOT NULL
RETURN collect(DISTINCT coalesce(v.person_id, v.id)) AS identities

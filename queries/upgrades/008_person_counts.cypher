// The counts kept for people (schema/037_person_counts.cypher), for a graph written before
// intake and the named-people linker kept them: every victim identity (coalesce(person_id,
// id) of the per-report victim Persons) named in two reports or more, or in reports naming
// two suspect accounts or more, is counted from its reports as intel/count_victim_identities
// counts one (VictimIdentity, VictimDay, VictimWeek); every report naming two suspect accounts
// or more is listed a day and a week as intel/count_new_reports_people lists one
// (SuspectsDay, SuspectsWeek). Runs at start-up before intake takes reports (`ohch schema
// apply`), like 005_report_weeks. Batched (a million reports do not fit one transaction), each
// phase asking again for the marker it leaves last: an interrupted run leaves no marker and
// the next starts afresh (what it counted is deleted first); with the marker there it finds
// nothing to do.
// params:
OPTIONAL MATCH (done:DataUpgrade {id: '008_person_counts'})
WITH done IS NULL AS todo
MATCH (old:VictimIdentity|VictimDay|VictimWeek|SuspectsDay|SuspectsWeek) WHERE todo
CALL (old) {
  DELETE old
} IN TRANSACTIONS OF 10000 ROWS
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '008_person_counts'})
WITH done IS NULL AS todo
MATCH (v:Person)-[:VICTIM_IN]->(r:Report) WHERE todo
WITH coalesce(v.person_id, v.id) AS x, collect(DISTINCT r) AS reports
WHERE size(reports) >= 2
   OR COUNT { UNWIND reports AS r MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a } >= 2
WITH x ORDER BY x
WITH collect(x) AS identities
UNWIND range(0, size(identities) - 1, 500) AS start
CALL (identities, start) {
  UNWIND identities[start..start + 500] AS x
  CALL (x) {
    MATCH (:Person {person_id: x})-[:VICTIM_IN]->(r:Report)
    RETURN r
    UNION
    MATCH (v:Person {id: x})-[:VICTIM_IN]->(r:Report) WHERE v.person_id IS NULL
    RETURN r
  }
  WITH x, r, COLLECT { MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a.key } AS keys
  WITH x, collect({r: r, keys: keys}) AS found
  WITH x, found,
       size(COLLECT { UNWIND found AS f UNWIND f.keys AS k RETURN DISTINCT k }) AS accounts
  CREATE (:VictimIdentity {id: x, reports: size(found), accounts: accounts})
  WITH x, found
  UNWIND found AS f
  WITH x, f.r AS r, f.keys AS keys
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH x, t[0] AS basis, date(datetime.fromepochmillis(t[1].epochMillis)) AS day, count(r) AS n,
       collect(coalesce(r.cluster_id, r.id)) AS contents, min(t[1]) AS first, max(t[1]) AS last,
       reduce(acc = [], k IN collect(keys) | acc + k) AS accounts
  ORDER BY x, basis, day
  CREATE (:VictimDay {id: basis + '|' + x + '|' + toString(day), identity: x, basis: basis,
                      day: day, reports: n, contents: contents, first: first, last: last,
                      accounts: accounts})
  WITH x, basis, date.truncate('week', day) AS week, sum(n) AS n,
       reduce(acc = [], l IN collect(contents) | acc + l) AS contents, min(first) AS first,
       max(last) AS last, reduce(acc = [], l IN collect(accounts) | acc + l) AS accounts
  CREATE (:VictimWeek {id: basis + '|' + x + '|' + toString(week), identity: x, basis: basis,
                       week: week, reports: n, contents: contents, first: first, last: last,
                       accounts: accounts})
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '008_person_counts'})
WITH done IS NULL AS todo
MATCH (r:Report) WHERE todo
WITH collect(r) AS reports
UNWIND range(0, size(reports) - 1, 5000) AS start
CALL (reports, start) {
  UNWIND reports[start..start + 5000] AS r
  WITH r, COLLECT { MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a.key } AS keys
  WHERE size(keys) >= 2
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
       reduce(acc = [], l IN collect([k IN keys | r.id]) | acc + l) AS ids,
       reduce(acc = [], l IN collect(keys) | acc + l) AS keys
  ORDER BY basis, day
  MERGE (d:SuspectsDay {id: basis + '|' + toString(day)})
    ON CREATE SET d.basis = basis, d.day = day, d.reports = [], d.accounts = []
  SET d.reports = d.reports + ids, d.accounts = d.accounts + keys
  WITH basis, date.truncate('week', day) AS week, reduce(acc = [], l IN collect(ids) | acc + l) AS ids,
       reduce(acc = [], l IN collect(keys) | acc + l) AS keys
  MERGE (w:SuspectsWeek {id: basis + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.week = week, w.reports = [], w.accounts = []
  SET w.reports = w.reports + ids, w.accounts = w.accounts + keys
} IN TRANSACTIONS OF 1 ROW
WITH count(*) AS phase
OPTIONAL MATCH (done:DataUpgrade {id: '008_person_counts'})
WITH done WHERE done IS NULL
CREATE (:DataUpgrade {id: '008_person_counts', at: datetime()})

// Count again, from their reports, what repeat victims and campaigns keep for each victim
// identity in $identities (schema/037_person_counts.cypher): every count kept for it is
// deleted, and made again when it could answer either question (two reports or more, or two
// suspect accounts or more). An identity is `coalesce(Person.person_id, Person.id)` of the
// per-report victim Persons, as intel/repeat_victims reads it. Run, in the same transaction,
// by intake for its new reports' victims and by the named-people linker for every identity
// its change of `person_id` touched, before and after (graph/intel/kept_people.py): so an
// identity's counts follow its members exactly, a report counting once however many of its
// victims the identity holds. Per identity, in id order, as every writer locks them.
// params: identities
CALL () {
  UNWIND $identities AS x
  MATCH (i:VictimIdentity {id: x})
  DELETE i
}
CALL () {
  UNWIND $identities AS x
  MATCH (d:VictimDay)
  WHERE d.identity = x AND d.basis IN ['reported', 'incident', 'received'] AND d.day IS NOT NULL
  DELETE d
}
CALL () {
  UNWIND $identities AS x
  MATCH (w:VictimWeek)
  WHERE w.identity = x AND w.basis IN ['reported', 'incident', 'received'] AND w.week IS NOT NULL
  DELETE w
}
UNWIND $identities AS x
CALL (x) {
  MATCH (:Person {person_id: x})-[:VICTIM_IN]->(r:Report)
  RETURN r
  UNION
  MATCH (v:Person {id: x})-[:VICTIM_IN]->(r:Report) WHERE v.person_id IS NULL
  RETURN r
}
WITH x, r, COLLECT { MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a.key } AS keys
WITH x, collect({r: r, keys: keys}) AS found
WITH x, found, size(COLLECT { UNWIND found AS f UNWIND f.keys AS k RETURN DISTINCT k }) AS accounts
WHERE size(found) >= 2 OR accounts >= 2
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

// What a case's intelligence item is drawn from: the incident, accounts, content, people.
// params: case_id
MATCH (k:Case {id: $case_id})-[:CONCERNS]->(c:ContentCluster)
MATCH (r:Report {cluster_id: c.id})
WITH k, collect(DISTINCT c) AS clusters, collect(DISTINCT r) AS reports
CALL (reports) {
  UNWIND reports AS r
  OPTIONAL MATCH (r)-[:NAMES_SUSPECT]->(named:Account)
  OPTIONAL MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(poster:Account)
  WITH collect(DISTINCT named) + collect(DISTINCT poster) AS accounts
  UNWIND accounts AS a
  RETURN collect(DISTINCT {key: a.key, platform: a.platform, handle: a.handle}) AS accounts
}
CALL (reports) {
  UNWIND reports AS r
  OPTIONAL MATCH (v:Person)-[:VICTIM_IN]->(r)
  RETURN collect(DISTINCT {id: v.id, name: v.name, postcode: v.postcode,
                           force_code: v.force_code}) AS victims
}
CALL (reports) {
  UNWIND reports AS r
  OPTIONAL MATCH (p:Person)-[:REPORTED]->(r)
  RETURN collect(DISTINCT {id: p.id, name: p.name}) AS reporters
}
CALL (reports) {
  UNWIND reports AS r
  OPTIONAL MATCH (s:Person)-[:SUSPECTED_IN]->(r)
  RETURN collect(DISTINCT {id: s.id, name: s.name}) AS suspects
}
RETURN k.id AS case_id, [c IN clusters | c.post_key] AS post_keys,
       [x IN reports | x.occurred_at] AS occurred, [x IN reports | x.reference] AS references,
       accounts, [v IN victims WHERE v.id IS NOT NULL] AS victims,
       [p IN reporters WHERE p.id IS NOT NULL] AS reporters,
       [s IN suspects WHERE s.id IS NOT NULL] AS suspects

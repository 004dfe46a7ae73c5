// Every account with what identity linkage compares: names, disclosed values, behaviour
// (victims, incidents, and its posts: text, time, victim).
// params:
MATCH (a:Account)
CALL (a) {
  OPTIONAL MATCH (:Report)-[n:NAMES_SUSPECT]->(a)
  RETURN collect(DISTINCT n.display_name) AS display_names
}
CALL (a) {
  OPTIONAL MATCH (d:Disclosure)-[:ABOUT_ACCOUNT]->(a)
  RETURN collect(DISTINCT d.registered_name) AS registered_names
}
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_EMAIL]->(e:Email)
  RETURN collect(DISTINCT e.address) AS emails
}
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_PHONE]->(t:Phone)
  RETURN collect(DISTINCT t.e164) AS phones
}
CALL (a) {
  OPTIONAL MATCH (a)-[u:USED_IP]->(i:IpAddress)
  RETURN collect(DISTINCT {ip: i.ip, at: u.seen_at}) AS ips
}
CALL (a) {
  OPTIONAL MATCH (r:Report)-[:NAMES_SUSPECT]->(a)
  OPTIONAL MATCH (v:Person)-[:VICTIM_IN]->(r)
  OPTIONAL MATCH (v)-[:HAS_EMAIL]->(ve:Email)
  RETURN collect(DISTINCT coalesce(ve.address, toLower(v.name), v.id)) AS victims,
         collect(DISTINCT r.cluster_id) AS incidents
}
CALL (a) {
  // behaviour: each post the account made as a report shows it (text, when, at whom)
  OPTIONAL MATCH (a)-[:POSTED]->(:Content)<-[about:ABOUT]-(r:Report)
  OPTIONAL MATCH (v:Person)-[:VICTIM_IN]->(r)
  OPTIONAL MATCH (v)-[:HAS_EMAIL]->(ve:Email)
  WITH about, r, coalesce(ve.address, toLower(v.name), v.id) AS victim
  WHERE about IS NOT NULL
  RETURN collect(DISTINCT {
    text: coalesce(about.text, ''),
    at: coalesce(about.captured_at, r.incident_at, r.occurred_at, r.reported_at),
    victim: victim
  }) AS posts
}
RETURN a.key AS key, a.platform AS platform, a.handle AS handle, display_names,
       registered_names, emails, phones, [x IN ips WHERE x.ip IS NOT NULL] AS ips,
       victims, incidents, posts
ORDER BY key

// What the periodic statistics count, one row a report of the period (by the time $spans
// names: graph/intel/bounds.py TimeBasis): its content (cluster, an unclustered report counting
// as its own), its case, its strands, the platforms of its content, its force (the case's
// assigned force, else the force the reporter chose), the offences its case's latest
// assignment was made on, its case's latest outcome, and whether it is online. Hub staff only
// (services/statistics.py): no force scope. Ordered by report id, so the same graph gives the
// same rows.
// params: spans
CALL () {
  UNWIND $spans.reported AS span
  MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
  RETURN r
  UNION ALL
  UNWIND $spans.incident AS span
  MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
  RETURN r
  UNION ALL
  UNWIND $spans.received AS span
  MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
  RETURN r
}
OPTIONAL MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(k:Case)
CALL (k) {
  OPTIONAL MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
  RETURN h ORDER BY h.assigned_at DESC, h.id DESC LIMIT 1
}
CALL (k) {
  OPTIONAL MATCH (k)-[:HAS_OUTCOME]->(o:Outcome)
  RETURN o ORDER BY o.reported_at DESC, o.id DESC LIMIT 1
}
WITH r, k, h, o, COLLECT {
  MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code ORDER BY f.code LIMIT 1
} AS assigned, COLLECT {
  MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown')
} AS platforms
RETURN r.id AS id, coalesce(r.cluster_id, r.id) AS content, k.id AS case_id,
       coalesce(r.strands, []) AS strands, platforms,
       coalesce(assigned[0], r.chosen_force_code) AS force, h.offence_ids AS offences,
       o.code AS outcome, r.online AS online
ORDER BY id

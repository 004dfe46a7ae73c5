// Each case's latest outcome reported in a window, with what its latest assignment was made on
// (offences, strands), the force, and the guidance notes it carried: the outcome report's rows.
// params: since, until
MATCH (o:Outcome) WHERE o.reported_at >= $since AND o.reported_at < $until
MATCH (k:Case)-[:HAS_OUTCOME]->(o)
WITH k, o ORDER BY o.reported_at DESC, o.id DESC
WITH k, head(collect(o)) AS latest
CALL (k) {
  OPTIONAL MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
  RETURN h ORDER BY h.assigned_at DESC, h.id DESC LIMIT 1
}
OPTIONAL MATCH (h)-[:CARRIED_GUIDANCE]->(g:GuidanceNote)
RETURN k.id AS case_id, latest.code AS outcome_code,
       coalesce(latest.force_code, h.to_force) AS force_code,
       coalesce(h.offence_ids, []) AS offences, coalesce(h.strands, []) AS strands,
       [x IN collect(DISTINCT g.id) WHERE x IS NOT NULL] AS guidance
ORDER BY case_id

// A complainant's own report, for the status page: when it was received, the hash of its access
// code (checked in Python, in constant time), and the case it is part of now (the case that
// concerns its content, whatever merges moved it): when that case was assessed, and the force it
// is assigned to, since when; the latest record that no enforcement action is possible on it
// (its reason's code); and the outcome the force recorded last (its name, and the start of the
// UK day it was reached; an outcome recorded before that day was kept, when it was recorded).
// Nothing about other reports or the people in them.
// params: reference
MATCH (r:Report {reference: $reference})
OPTIONAL MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
OPTIONAL MATCH (k)-[assigned:ASSIGNED_TO]->(f:Force)
CALL (k) {
  OPTIONAL MATCH (k)-[:NO_ENFORCEMENT]->(n:NoEnforcement)
  RETURN n ORDER BY n.recorded_at DESC LIMIT 1
}
CALL (k) {
  OPTIONAL MATCH (k)-[:HAS_OUTCOME]->(o:Outcome)
  RETURN o ORDER BY o.reported_at DESC LIMIT 1
}
RETURN r.access_code_hash AS access_code_hash,
       r.received_at.epochMillis AS received_ms,
       CASE WHEN k.recording_decided_at IS NULL THEN null
            ELSE datetime(k.recording_decided_at).epochMillis END AS assessed_ms,
       f.name AS force_name,
       CASE WHEN assigned.at IS NULL THEN null ELSE datetime(assigned.at).epochMillis END
         AS assigned_ms,
       n.reason AS no_enforcement_reason,
       CASE WHEN n IS NULL THEN null ELSE datetime(n.recorded_at).epochMillis END
         AS no_enforcement_ms,
       o.name AS outcome_name,
       CASE WHEN o IS NULL THEN null
            ELSE datetime(coalesce(o.outcome_at, o.reported_at)).epochMillis END AS outcome_ms
LIMIT 1

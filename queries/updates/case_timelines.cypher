// The timeline facts of each case (graph/updates/events.py turns them into messages): who may
// be told (reporters, and victims another reporter named, who consented to contact, with their
// report and addresses: only cleaned ones, never details kept unverified), whether a monitored
// hate strand was reported, the decisions, assignments, removal referrals sent (and answered),
// no-enforcement records and outcomes. A reporter who is also the victim is told as a reporter.
// params: case_ids
UNWIND $case_ids AS case_id
MATCH (k:Case {id: case_id})
CALL (k) {
  OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster)
  OPTIONAL MATCH (r:Report {cluster_id: c.id})
  RETURN collect(DISTINCT r) AS reports
}
RETURN k.id AS case_id,
  any(r IN reports WHERE any(s IN coalesce(r.strands, []) WHERE s <> 'other')) AS hate_reported,
  COLLECT {
    UNWIND reports AS r
    MATCH (p:Person)-[how:REPORTED|VICTIM_IN]->(r)
    WHERE p.consent_to_contact = true AND NOT coalesce(r.anonymous, false)
    WITH r, p, CASE type(how) WHEN 'REPORTED' THEN how.role ELSE 'named_victim' END AS role
    WHERE role <> 'named_victim' OR NOT EXISTS { (p)-[:REPORTED]->(r) }
    RETURN {
      person_id: p.id, report_id: r.id, reference: r.reference, received_at: r.received_at,
      role: role, anonymous_report: coalesce(r.anonymous, false),
      consent: p.consent_to_contact,
      email: COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address }[0],
      phone: COLLECT { MATCH (p)-[:HAS_PHONE]->(t:Phone) RETURN t.e164 }[0]
    } AS recipient
  } AS recipients,
  COLLECT {
    MATCH (k)-[:HAS_DECISION]->(d:AssessmentDecision)
    RETURN {id: d.id, decided: d.decided, at: d.decided_at} AS decision
  } AS decisions,
  COLLECT {
    MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
    OPTIONAL MATCH (f:Force {code: h.to_force})
    RETURN {id: h.id, force_code: h.to_force, force_name: f.name, at: h.assigned_at} AS assigned
  } AS assignments,
  COLLECT {
    MATCH (k)-[:CONCERNS]->(:ContentCluster)<-[:REFERS]-(ref:RemovalReferral)
    WHERE ref.sent_at IS NOT NULL
    RETURN {
      id: ref.id, platform: ref.platform, sent_at: ref.sent_at, status: ref.status,
      answered_at: ref.answered_at
    } AS referral
  } AS referrals,
  COLLECT {
    MATCH (k)-[:NO_ENFORCEMENT]->(n:NoEnforcement)
    RETURN {id: n.id, reason: n.reason, at: n.recorded_at} AS record
  } AS no_enforcement,
  COLLECT {
    MATCH (k)-[:HAS_OUTCOME]->(o:Outcome)
    RETURN {id: o.id, code: o.code, name: o.name, at: o.reported_at, on: o.outcome_on} AS outcome
  } AS outcomes

// What an evidence package says about a case besides its reports and identities: the recipient
// force and how it stands to the case (ASSIGNED / NOTIFIED, else null: it may not receive one),
// the current assignment and notified forces, every version of the analyst's facts, every
// decision and outcome, the merges and splits, the intelligence items (their JSON) and the ids
// of the content's removal referrals. Lists are in a fixed order, so the same state reads the
// same.
// params: case_id, recipient_force
MATCH (k:Case {id: $case_id})
OPTIONAL MATCH (rf:Force {code: $recipient_force})
RETURN k.id AS id, k.status AS status,
  CASE WHEN rf IS NULL THEN null ELSE rf {.code, .name} END AS recipient,
  CASE
    WHEN EXISTS { (k)-[:ASSIGNED_TO]->(f:Force) WHERE f.code = $recipient_force } THEN 'ASSIGNED'
    WHEN EXISTS { (k)-[:NOTIFIED]->(f:Force) WHERE f.code = $recipient_force } THEN 'NOTIFIED'
  END AS relation,
  COLLECT { MATCH (k)-[a:ASSIGNED_TO]->(f:Force) RETURN f {.code, .name, rule: a.rule} }[0]
    AS assigned,
  COLLECT {
    MATCH (k)-[n:NOTIFIED]->(f:Force)
    RETURN {code: f.code, name: f.name, role: n.role, reason: n.reason} ORDER BY f.code
  } AS notified,
  COLLECT {
    MATCH (k)-[:CONCERNS]->(c:ContentCluster) RETURN c.id ORDER BY c.id
  } AS clusters,
  COLLECT {
    MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
    RETURN {id: h.id, from_force: h.from_force, to_force: h.to_force, rule: h.rule,
            reasons: h.reasons, reason: h.reason, by: h.assigned_by, at: h.assigned_at}
    ORDER BY h.assigned_at, h.id
  } AS assignments,
  COLLECT {
    MATCH (k)-[:HAS_FACTS]->(f:CaseFacts)
    RETURN {id: f.id, facts: f.facts, by: f.recorded_by, at: f.recorded_at}
    ORDER BY f.recorded_at, f.id
  } AS facts,
  COLLECT {
    MATCH (k)-[:HAS_DECISION]->(d:AssessmentDecision)
    RETURN {id: d.id, recommended: d.recommended, decided: d.decided, accepted: d.accepted,
            reason: d.reason, by: d.decided_by, at: d.decided_at}
    ORDER BY d.decided_at, d.id
  } AS decisions,
  COLLECT {
    MATCH (k)-[:HAS_OUTCOME]->(o:Outcome)
    RETURN {id: o.id, code: o.code, name: o.name, named_suspect: o.named_suspect,
            by: o.reported_by, force_code: o.force_code, at: o.reported_at}
    ORDER BY o.reported_at, o.id
  } AS outcomes,
  COLLECT {
    MATCH (k)-[:CHANGED_BY]->(ch:CaseChange)
    RETURN {id: ch.id, kind: ch.kind, by: ch.actor, at: ch.at, reason: ch.reason}
    ORDER BY ch.at, ch.id
  } AS changes,
  COLLECT {
    MATCH (k)-[:HAS_INTEL]->(i:IntelItem)
    RETURN {id: i.id, item: i.item, by: i.created_by} ORDER BY i.id
  } AS intel,
  COLLECT {
    MATCH (k)-[:CONCERNS]->(c:ContentCluster)
    MATCH (ref:RemovalReferral {content_id: c.id})
    RETURN ref.id ORDER BY ref.id
  } AS referral_ids

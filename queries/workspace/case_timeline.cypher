// What happened to one case, oldest first, for the staff workspace's case page: reports
// received, facts recorded, decisions, (re)assignments, merges and splits, platform removal
// referral steps, complainant updates sent and outcomes reported. Hub staff only: a viewer
// who does not see all forces gets nothing. Bounded: each kind lists at most $limit events.
// params: case_id, limit, viewer_sees_all
MATCH (k:Case {id: $case_id}) WHERE $viewer_sees_all
CALL (k) {
  MATCH (k)-[:CONCERNS]->(c:ContentCluster)
  MATCH (r:Report) WHERE r.cluster_id = c.id
  WITH r ORDER BY r.received_at LIMIT $limit
  RETURN r.received_at AS at, 'report' AS kind, r.source AS by,
         'Report ' + r.reference + ' received' AS what, null AS reason
  UNION ALL
  MATCH (k)-[:HAS_FACTS]->(f:CaseFacts)
  WITH f ORDER BY f.recorded_at LIMIT $limit
  RETURN f.recorded_at AS at, 'facts' AS kind, f.recorded_by AS by,
         'Facts recorded' AS what, null AS reason
  UNION ALL
  MATCH (k)-[:HAS_DECISION]->(d:AssessmentDecision)
  WITH d ORDER BY d.decided_at LIMIT $limit
  RETURN d.decided_at AS at, 'decision' AS kind, d.decided_by AS by,
         'Decision: ' + d.decided + CASE WHEN d.accepted THEN ' (the recommendation accepted)'
           ELSE ' (overriding ' + d.recommended + ')' END AS what, d.reason AS reason
  UNION ALL
  MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
  WITH h ORDER BY h.assigned_at LIMIT $limit
  RETURN h.assigned_at AS at, 'assignment' AS kind, h.assigned_by AS by,
         'Assigned to ' + coalesce(h.to_force, 'no force') +
           coalesce(' from ' + h.from_force, '') + ' (' + h.rule + ')' AS what,
         h.reason AS reason
  UNION ALL
  MATCH (k)-[:CHANGED_BY]->(ch:CaseChange)
  WITH ch ORDER BY ch.at LIMIT $limit
  RETURN ch.at AS at, 'change' AS kind, ch.actor AS by,
         'Cases ' + CASE ch.kind WHEN 'merge' THEN 'merged' ELSE 'split' END AS what,
         ch.reason AS reason
  UNION ALL
  MATCH (ref:RemovalReferral {case_id: k.id})-[:STEP]->(s:RemovalStep)
  WITH ref, s ORDER BY s.at LIMIT $limit
  RETURN s.at AS at, 'referral' AS kind, s.by AS by,
         'Removal referral to ' + ref.platform + ': ' + s.status AS what, s.note AS reason
  UNION ALL
  MATCH (m:UpdateMessage {case_id: k.id}) WHERE m.status = 'sent'
  WITH m ORDER BY m.sent_at LIMIT $limit
  RETURN m.sent_at AS at, 'update' AS kind, m.channel AS by,
         'Update sent to the ' + m.recipient_role + ' of ' + m.reference + ' (' +
           m.event_kind + ')' AS what, null AS reason
  UNION ALL
  MATCH (k)-[:HAS_OUTCOME]->(o:Outcome)
  WITH o ORDER BY o.reported_at LIMIT $limit
  RETURN o.reported_at AS at, 'outcome' AS kind, o.reported_by AS by,
         'Outcome ' + o.code + ' reported by ' + coalesce(o.force_code, 'the hub') AS what,
         o.supervisor_justification AS reason
}
RETURN at, kind, by, what, reason
ORDER BY at, kind

// Benchmark graph (bench/intel_graph.py): each case's recording decision and its (re)assignments,
// as queries/cases/record_decision.cypher and record_assignment.cypher leave them: the history
// of Assignment nodes, one current ASSIGNED_TO (none when the hub keeps the case) and the
// forces notified with it; the case's created_at is when its first report arrived.
// params: rows
UNWIND $rows AS row
MATCH (k:Case {id: row.case_id})
SET k.created_at = datetime(row.created_at)
WITH k, row
CALL (k, row) {
  WITH k, row WHERE row.decision IS NOT NULL
  CREATE (k)-[:HAS_DECISION]->(:AssessmentDecision {
    id: row.decision.id, recommended: row.decision.recommended, decided: row.decision.decided,
    accepted: row.decision.accepted, reason: row.decision.reason,
    decided_by: row.decision.by, decided_at: datetime(row.decision.at)
  })
  SET k.recording_decided_at = datetime(row.decision.at), k.decision = row.decision.decided
}
CALL (k, row) {
  UNWIND row.assignments AS h
  CREATE (k)-[:ASSIGNMENT_HISTORY]->(:Assignment {
    id: h.id, from_force: h.from_force, to_force: h.to_force, rule: h.rule, reasons: h.reasons,
    reason: h.reason, assigned_by: h.by, assigned_at: datetime(h.at)
  })
}
CALL (k, row) {
  WITH k, row WHERE row.lead IS NOT NULL
  MATCH (f:Force {code: row.lead.force_code})
  CREATE (k)-[:ASSIGNED_TO {rule: row.lead.rule, at: datetime(row.lead.at), by: row.lead.by}]->(f)
}
CALL (k, row) {
  UNWIND row.notified AS note
  MATCH (f:Force {code: note.force_code})
  CREATE (k)-[:NOTIFIED {role: note.role, reason: note.reason, at: datetime(note.at)}]->(f)
}

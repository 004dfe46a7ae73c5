// No enforcement action is possible on a case, for a reason from the reviewed library
// (graph/updates/data/no_enforcement_reasons.toml); every record is kept.
// params: case_id, id, reason, note, by, at
MATCH (k:Case {id: $case_id})
CREATE (k)-[:NO_ENFORCEMENT]->(:NoEnforcement {
  id: $id, reason: $reason, note: $note, recorded_by: $by, recorded_at: $at
})
RETURN k.id AS case_id

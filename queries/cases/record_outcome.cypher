// A force reports the outcome of a case (Home Office outcome code); every report is kept.
// params: case_id, id, code, name, named_suspect, justification, by, force_code, at
MATCH (k:Case {id: $case_id})
CREATE (k)-[:HAS_OUTCOME]->(:Outcome {
  id: $id, code: $code, name: $name, named_suspect: $named_suspect,
  supervisor_justification: $justification, reported_by: $by, force_code: $force_code,
  reported_at: $at
})
SET k.outcome_code = $code

// A force reports the outcome of a case (Home Office outcome code) with the date it was
// reached and the officer's note; every report is kept. `outcome_on` is the UK calendar date,
// `outcome_at` its start in UTC, the time the complainant's timeline and statistics order by.
// params: case_id, id, code, name, named_suspect, justification, by, force_code, at, outcome_on, outcome_at, note
MATCH (k:Case {id: $case_id})
CREATE (k)-[:HAS_OUTCOME]->(:Outcome {
  id: $id, code: $code, name: $name, named_suspect: $named_suspect,
  supervisor_justification: $justification, reported_by: $by, force_code: $force_code,
  reported_at: $at, outcome_on: $outcome_on, outcome_at: $outcome_at, note: $note
})
SET k.outcome_code = $code

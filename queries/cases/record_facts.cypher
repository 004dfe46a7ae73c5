// Record the facts an analyst established for a case (a new version; earlier ones are kept).
// params: case_id, id, facts, by, at
MATCH (k:Case {id: $case_id})
CREATE (k)-[:HAS_FACTS]->(:CaseFacts {id: $id, facts: $facts, recorded_by: $by, recorded_at: $at})

// When a case was opened (null for a case written before cases kept it), or no row.
// params: case_id
MATCH (k:Case {id: $case_id})
RETURN k.created_at AS opened_at

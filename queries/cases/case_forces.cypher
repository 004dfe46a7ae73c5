// The forces a case is assigned or notified to.
// params: case_id
MATCH (:Case {id: $case_id})-[rel:ASSIGNED_TO|NOTIFIED]->(f:Force)
RETURN f.code AS code, type(rel) AS how

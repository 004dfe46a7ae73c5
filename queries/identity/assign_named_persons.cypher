// Record each named person's derived person (a connected component of positive judgements):
// the identity key other queries read as coalesce(p.person_id, p.id).
// params: rows
UNWIND $rows AS row
MATCH (p:Person {id: row.key})
SET p.person_id = row.person_id

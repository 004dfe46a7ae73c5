// Record each account's derived person (a connected component of positive judgements).
// params: rows
UNWIND $rows AS row
MATCH (a:Account {key: row.key})
SET a.person_id = row.person_id

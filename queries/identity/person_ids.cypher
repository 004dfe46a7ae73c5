// Each account's person as the graph holds it now, so a re-linking writes only what changed.
// params:
MATCH (a:Account)
RETURN a.key AS key, a.person_id AS person_id

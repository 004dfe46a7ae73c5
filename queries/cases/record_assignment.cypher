// Assign (or reassign) a case to a lead force, with notified forces; history is kept.
// params: case_id, id, lead, notified, rule, reasons, reason, by, at
MATCH (k:Case {id: $case_id})
OPTIONAL MATCH (k)-[old:ASSIGNED_TO]->(prev:Force)
WITH k, old, prev
CREATE (h:Assignment {
  id: $id, from_force: prev.code, to_force: $lead, rule: $rule, reasons: $reasons,
  reason: $reason, assigned_by: $by, assigned_at: $at
})
CREATE (k)-[:ASSIGNMENT_HISTORY]->(h)
DELETE old
WITH k
OPTIONAL MATCH (k)-[n:NOTIFIED]->(:Force)
DELETE n
WITH DISTINCT k
OPTIONAL MATCH (lead:Force {code: $lead})
FOREACH (_ IN CASE WHEN lead IS NULL THEN [] ELSE [1] END |
  CREATE (k)-[:ASSIGNED_TO {rule: $rule, at: $at, by: $by}]->(lead))
WITH k
UNWIND (CASE WHEN size($notified) = 0 THEN [null] ELSE $notified END) AS note
OPTIONAL MATCH (f:Force {code: note.force_code})
FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END |
  CREATE (k)-[:NOTIFIED {role: note.role, reason: note.reason, at: $at}]->(f))
RETURN count(*) AS written

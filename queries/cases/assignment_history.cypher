// Every assignment of a case, oldest first.
// params: case_id
MATCH (:Case {id: $case_id})-[:ASSIGNMENT_HISTORY]->(h:Assignment)
RETURN h.from_force AS from_force, h.to_force AS to_force, h.rule AS rule, h.reason AS reason,
       h.assigned_by AS by, h.assigned_at AS at
ORDER BY h.assigned_at

// The guidance notes each case's latest assignment carried (note id and version). A force
// viewer gets them only for cases assigned or notified to their force.
// params: case_ids, viewer_force, viewer_sees_all
UNWIND $case_ids AS case_id
MATCH (k:Case {id: case_id})
WHERE $viewer_sees_all OR EXISTS { (k)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force}) }
CALL (k) {
  OPTIONAL MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
  RETURN h ORDER BY h.assigned_at DESC, h.id DESC LIMIT 1
}
OPTIONAL MATCH (h)-[:CARRIED_GUIDANCE]->(g:GuidanceNote)
WITH case_id, g ORDER BY g.id
RETURN case_id,
       collect(CASE WHEN g IS NULL THEN null ELSE {id: g.id, version: g.version} END) AS notes

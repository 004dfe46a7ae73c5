// What a case's latest assignment carried to its force: the offences and strands it was made
// on, and the guidance notes matched to them (one GuidanceNote node per note version, shared).
// params: case_id, offences, strands, notes
MATCH (k:Case {id: $case_id})
CALL (k) {
  MATCH (k)-[:ASSIGNMENT_HISTORY]->(h:Assignment)
  RETURN h ORDER BY h.assigned_at DESC, h.id DESC LIMIT 1
}
SET h.offence_ids = $offences, h.strands = $strands
WITH h
UNWIND $notes AS note
MERGE (g:GuidanceNote {key: note.key})
  ON CREATE SET g.id = note.id, g.version = note.version, g.title = note.title
CREATE (h)-[:CARRIED_GUIDANCE]->(g)
RETURN count(*) AS carried

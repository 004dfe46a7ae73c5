// Write one merge or split: move the content items, close, reopen or create cases, and record
// the change as history on every case it touches. Nothing is deleted but the moved edges.
// params: change, moves, closed, reopened, created, cases
CALL () {
  WITH $created AS created WHERE created IS NOT NULL
  CREATE (:Case {id: created, status: 'open', created_at: datetime($change.at),
                 reason: $change.reason})
}
CALL () {
  UNWIND $moves AS move
  MATCH (c:ContentCluster {id: move.content_id})
  MATCH (to:Case {id: move.case_id})
  OPTIONAL MATCH (:Case)-[old:CONCERNS]->(c)
  DELETE old
  CREATE (to)-[:CONCERNS]->(c)
}
CALL () {
  UNWIND $closed AS closed_id
  MATCH (k:Case {id: closed_id})
  SET k.status = 'merged', k.merged_into = $change.case_id
}
CALL () {
  UNWIND $reopened AS reopened_id
  MATCH (k:Case {id: reopened_id})
  SET k.status = 'open', k.merged_into = null
}
CREATE (ch:CaseChange {
  id: $change.id, kind: $change.kind, case_id: $change.case_id, actor: $change.actor,
  at: datetime($change.at), reason: $change.reason,
  moved_contents: [m IN $moves | m.content_id], moved_to: [m IN $moves | m.case_id],
  closed: $closed, reopened: $reopened, created: $created
})
WITH ch
UNWIND $cases AS case_id
MATCH (k:Case {id: case_id})
CREATE (k)-[:CHANGED_BY]->(ch)
RETURN count(*) AS written

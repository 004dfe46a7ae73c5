// Merges and splits that touched each case, newest first (DataLoader batch): one record a case,
// its changes listed as maps under `items`.
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, viewer_sees_all
UNWIND CASE WHEN $viewer_sees_all THEN $ids ELSE [] END AS case_id
CALL (case_id) {
  MATCH (:Case {id: case_id})-[:CHANGED_BY]->(ch:CaseChange)
  WITH ch ORDER BY ch.at DESC, ch.id
  RETURN collect({
    id: ch.id, kind: ch.kind, subject_case: ch.case_id, actor: ch.actor, at: ch.at,
    reason: ch.reason, moved_contents: ch.moved_contents, moved_to: ch.moved_to,
    closed: ch.closed, reopened: ch.reopened, created: ch.created
  }) AS items
}
RETURN case_id, items

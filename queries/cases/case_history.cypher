// Merges and splits that touched each case, newest first (DataLoader batch).
// params: ids
MATCH (k:Case)-[:CHANGED_BY]->(ch:CaseChange) WHERE k.id IN $ids
RETURN k.id AS case_id, ch.id AS id, ch.kind AS kind, ch.case_id AS subject_case,
       ch.actor AS actor, ch.at AS at, ch.reason AS reason,
       ch.moved_contents AS moved_contents, ch.moved_to AS moved_to, ch.closed AS closed,
       ch.reopened AS reopened, ch.created AS created
ORDER BY ch.at DESC, ch.id

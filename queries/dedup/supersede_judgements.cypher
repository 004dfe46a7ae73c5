// Mark judgements as superseded by a newer one (nothing is deleted).
// params: ids, by
UNWIND $ids AS jid
CALL (jid) {
  MATCH ()-[j:SAME_CONTENT {id: jid}]->() RETURN j
  UNION
  MATCH ()-[j:NOT_SAME {id: jid}]->() RETURN j
  UNION
  MATCH ()-[j:UNSURE {id: jid}]->() RETURN j
}
SET j.superseded_by = $by

// Mark identity judgements superseded by a newer one.
// params: ids, by
UNWIND $ids AS jid
MATCH ()-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]->()
WHERE j.id = jid
SET j.superseded_by = $by

// Flag analysts' judgements for review: a disclosure their pair's evidence used was withdrawn.
// They stay in force, and in the identity review queue until an analyst judges the pair again.
// params: ids, disclosure_id
UNWIND $ids AS jid
MATCH ()-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]->()
WHERE j.id = jid
SET j.needs_review = true,
    j.withdrawn_disclosures = coalesce(j.withdrawn_disclosures, []) + $disclosure_id

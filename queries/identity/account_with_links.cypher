// One account, its person, and the other accounts of that person with the evidence.
// params: key
MATCH (a:Account {key: $key})
OPTIONAL MATCH (o:Account {person_id: a.person_id}) WHERE o <> a
OPTIONAL MATCH (a)-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]-(x:Account)
WHERE j.superseded_by IS NULL
RETURN a.key AS key, a.platform AS platform, a.handle AS handle,
       coalesce(a.person_id, 'person:' + a.key) AS person_id,
       collect(DISTINCT o.key) AS linked,
       collect(DISTINCT {other: x.key, verdict: j.verdict, score: j.score, actor: j.actor,
                         evidence: j.evidence, id: j.id}) AS judgements

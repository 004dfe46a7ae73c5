// One step of a request's life, from the status the caller saw; a preservation sent gets its
// expiry, an extension moves it.
// params: id, from, to, by, at, note, expires_at, step
MATCH (q:DataRequest {id: $id}) WHERE q.status = $from
SET q.status = $to,
    q.authorised_at = CASE WHEN $to = 'authorised' THEN $at ELSE q.authorised_at END,
    q.authorised_by = CASE WHEN $to = 'authorised' THEN $by ELSE q.authorised_by END,
    q.sent_at = CASE WHEN $to = 'sent' AND $from <> 'sent' THEN $at ELSE q.sent_at END,
    q.expires_at = coalesce($expires_at, q.expires_at),
    q.answered_at = CASE WHEN $to IN ['answered', 'refused', 'lapsed', 'withdrawn']
                         THEN $at ELSE q.answered_at END,
    q.answer_note = CASE WHEN $to IN ['answered', 'refused', 'lapsed', 'withdrawn']
                         THEN $note ELSE q.answer_note END
CREATE (q)-[:STEP]->(:DataRequestStep {id: $id + ':' + toString($step), seq: $step,
                                      status: $to, at: $at, by: $by, note: $note})
RETURN q.id AS id

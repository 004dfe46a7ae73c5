// Requests by id, with their steps in order and the disclosures that answered them.
// params: ids
MATCH (q:DataRequest) WHERE q.id IN $ids
CALL (q) {
  MATCH (q)-[:STEP]->(s:DataRequestStep)
  WITH s ORDER BY s.seq
  RETURN collect(s {.status, .at, .by, .note}) AS steps
}
CALL (q) {
  OPTIONAL MATCH (d:Disclosure)-[:ANSWERS]->(q)
  RETURN collect(d.id) AS disclosures
}
RETURN q.id AS id, q.account_key AS account_key, q.platform AS platform, q.kind AS kind,
       q.legal_basis AS legal_basis, q.authorisation_reference AS authorisation_reference,
       q.justification AS justification, q.status AS status, q.drafted_at AS drafted_at,
       q.drafted_by AS drafted_by, q.authorised_by AS authorised_by, q.sent_at AS sent_at,
       q.expires_at AS expires_at, q.answered_at AS answered_at, q.answer_note AS answer_note,
       steps, disclosures

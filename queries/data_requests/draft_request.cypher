// Draft a request to a platform about one account (the account must exist: it was named in a
// report or posted reported content).
// params: id, account_key, kind, legal_basis, reference, justification, by, at
MATCH (a:Account {key: $account_key})
CREATE (q:DataRequest {
  id: $id, account_key: a.key, platform: a.platform, kind: $kind, legal_basis: $legal_basis,
  authorisation_reference: $reference, justification: $justification, status: 'drafted',
  drafted_at: $at, drafted_by: $by
})-[:ABOUT_ACCOUNT]->(a)
CREATE (q)-[:STEP]->(:DataRequestStep {id: $id + ':1', seq: 1, status: 'drafted', at: $at,
                                      by: $by, note: $justification})
RETURN q.id AS id

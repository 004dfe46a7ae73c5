// A disclosure that arrived answers a request about the same account.
// params: request_id, disclosure_id, by, at
MATCH (q:DataRequest {id: $request_id})-[:ABOUT_ACCOUNT]->(a:Account)
MATCH (d:Disclosure {id: $disclosure_id})-[:ABOUT_ACCOUNT]->(a)
MERGE (d)-[r:ANSWERS]->(q)
  ON CREATE SET r.linked_by = $by, r.linked_at = $at
RETURN q.id AS id

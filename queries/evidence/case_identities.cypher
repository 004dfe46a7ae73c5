// Why the case's suspect accounts (named in its reports, or posting its content) are who the
// hub says: each account's person, that person's accounts (at most $person_accounts besides
// the case's own), the active identity judgements between them with their score and evidence
// (JSON text, as stored), and the platform disclosures about them with the data requests they
// answered. Subscriber values are returned only with $with_values (roles cleared for
// disclosures, graph/viewer.py); else the disclosure's provenance alone.
// params: case_id, person_accounts, with_values
MATCH (k:Case {id: $case_id})
WITH COLLECT {
    MATCH (k)-[:CONCERNS]->(cc:ContentCluster)
    MATCH (r:Report {cluster_id: cc.id})
    CALL (r) {
      MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN a
      UNION
      MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account) RETURN a
    }
    RETURN DISTINCT a
  } AS case_accounts
UNWIND case_accounts AS a
WITH case_accounts, coalesce(a.person_id, 'person:' + a.key) AS person_id, collect(a) AS own
ORDER BY person_id
WITH case_accounts, person_id, own, COLLECT {
    MATCH (o:Account {person_id: person_id}) WHERE NOT o IN own
    RETURN o ORDER BY o.key LIMIT $person_accounts + 1
  } AS others
WITH case_accounts, person_id, own, others[..$person_accounts] AS others,
     size(others) > $person_accounts AS capped
WITH case_accounts, person_id, capped, own + others AS accounts
RETURN person_id, capped,
  [x IN accounts | x {.key, .platform, .handle, in_case: x IN case_accounts}] AS accounts,
  COLLECT {
    UNWIND accounts AS x
    MATCH (x)-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]->(y:Account)
    WHERE y IN accounts AND j.superseded_by IS NULL
    RETURN {id: j.id, left: x.key, right: y.key, verdict: j.verdict, score: j.score,
            actor: j.actor, at: toString(j.at), reason: j.reason, evidence: j.evidence}
    ORDER BY j.at, j.id
  } AS judgements,
  COLLECT {
    UNWIND accounts AS x
    MATCH (d:Disclosure)-[:ABOUT_ACCOUNT]->(x)
    RETURN {
      id: d.id, account: x.key, received_at: d.received_at, legal_basis: d.legal_basis,
      withdrawn_at: d.withdrawn_at,
      platform_user_id: CASE WHEN $with_values THEN d.platform_user_id END,
      registered_name: CASE WHEN $with_values THEN d.registered_name END,
      emails: CASE WHEN $with_values THEN COLLECT {
        MATCH (x)-[h:HAS_EMAIL]->(e:Email) WHERE d.id IN h.disclosure_ids
        RETURN e.address ORDER BY e.address } ELSE [] END,
      phones: CASE WHEN $with_values THEN COLLECT {
        MATCH (x)-[h:HAS_PHONE]->(t:Phone) WHERE d.id IN h.disclosure_ids
        RETURN t.e164 ORDER BY t.e164 } ELSE [] END,
      ips: CASE WHEN $with_values THEN COLLECT {
        MATCH (x)-[u:USED_IP {disclosure_id: d.id}]->(i:IpAddress)
        RETURN DISTINCT i.ip ORDER BY i.ip } ELSE [] END,
      requests: COLLECT {
        MATCH (d)-[:ANSWERS]->(q:DataRequest)
        RETURN q {.id, .kind, .legal_basis, .authorisation_reference, .status,
                  .authorised_by, .sent_at, .answered_at} ORDER BY q.id
      }
    } ORDER BY d.received_at, d.id
  } AS disclosures

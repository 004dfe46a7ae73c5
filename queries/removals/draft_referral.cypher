// Draft the removal referral of one content item, once: a second draft finds the first (the
// content id is the MERGE key under a unique constraint, so two analysts at once make one).
// params: id, content_id, platform, url, text, evidence, accounts, case_id, offences, reason, reports, by, at
MATCH (cc:ContentCluster {id: $content_id})
MERGE (ref:RemovalReferral {content_id: $content_id})
  ON CREATE SET ref.id = $id, ref.platform = $platform, ref.status = 'drafted', ref.url = $url,
                ref.text = $text, ref.evidence = $evidence, ref.accounts = $accounts,
                ref.case_id = $case_id, ref.offences = $offences, ref.reason = $reason,
                ref.reports = $reports, ref.drafted_at = $at, ref.drafted_by = $by
WITH ref, cc, ref.id = $id AS created
CALL (ref, cc, created) {
  WITH * WHERE created
  CREATE (ref)-[:REFERS]->(cc)
  CREATE (ref)-[:STEP]->(:RemovalStep {
    id: $id + ':1', seq: 1, status: 'drafted', at: $at, by: $by, note: $reason, evidence: null
  })
}
RETURN ref.id AS id, created

// Referrals by id, with their steps in the order they were taken.
// params: ids
MATCH (ref:RemovalReferral) WHERE ref.id IN $ids
CALL (ref) {
  MATCH (ref)-[:STEP]->(s:RemovalStep)
  WITH s ORDER BY s.seq
  RETURN collect(s {.status, .at, .by, .note, .evidence}) AS steps
}
RETURN ref.id AS id, ref.content_id AS content_id, ref.platform AS platform,
       ref.status AS status, ref.url AS url, ref.text AS text, ref.evidence AS evidence,
       ref.accounts AS accounts, ref.case_id AS case_id, ref.offences AS offences,
       ref.reason AS reason, ref.reports AS reports, ref.drafted_at AS drafted_at,
       ref.drafted_by AS drafted_by, ref.approved_by AS approved_by, ref.sent_at AS sent_at,
       ref.due_at AS due_at, ref.pack_id AS pack_id, ref.answered_at AS answered_at,
       ref.answer_note AS answer_note, steps

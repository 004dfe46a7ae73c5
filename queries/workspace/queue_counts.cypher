// The staff home page's queues: how many items wait in each, and how many are past due.
// Hub staff only: a viewer who does not see all forces gets zeros.
// params: now, recording_due_before, viewer_sees_all
CALL () {
  MATCH (k:Case {status: 'open'})-[:CONCERNS]->(c:ContentCluster)
  WHERE $viewer_sees_all AND k.recording_decided_at IS NULL
  WITH k, min(c.first_at) AS first
  RETURN count(k) AS to_assess, count(CASE WHEN first < $recording_due_before THEN k END) AS to_assess_overdue
}
CALL () {
  MATCH (k:Case {status: 'open'})
  WHERE $viewer_sees_all AND k.recording_decided_at IS NOT NULL AND NOT EXISTS { (k)-[:ASSIGNED_TO]->(:Force) }
    AND coalesce(k.decision, '') <> 'no_further_action'
  RETURN count(k) AS to_assign
}
CALL () {
  MATCH (q:ReviewItem {status: 'pending'}) WHERE $viewer_sees_all
  RETURN count(q) AS duplicates_to_review
}
CALL () {
  MATCH ()-[j:IDENTITY_UNSURE]->() WHERE $viewer_sees_all AND j.superseded_by IS NULL
  RETURN count(j) AS identities_to_review
}
CALL () {
  MATCH (ref:RemovalReferral) WHERE $viewer_sees_all AND ref.status IN ['drafted', 'sent', 'acknowledged']
  RETURN count(CASE WHEN ref.status = 'drafted' THEN ref END) AS referrals_to_approve,
         count(CASE WHEN ref.status <> 'drafted' AND ref.due_at < $now THEN ref END) AS referrals_overdue
}
CALL () {
  MATCH (m:UpdateMessage) WHERE $viewer_sees_all AND m.status IN ['pending', 'failed']
  RETURN count(CASE WHEN m.status = 'pending' THEN m END) AS updates_due,
         count(CASE WHEN m.status = 'pending' AND m.due_at < $now THEN m END) AS updates_overdue,
         count(CASE WHEN m.status = 'failed' THEN m END) AS updates_failed
}
RETURN to_assess, to_assess_overdue, to_assign, duplicates_to_review, identities_to_review,
       referrals_to_approve, referrals_overdue, updates_due, updates_overdue, updates_failed

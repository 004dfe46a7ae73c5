// What /metrics shows of the hub's work: pending duplicate reviews, and open cases whose first
// report arrived before the recording-decision cut-off with no decision yet.
// params: overdue_before
CALL () {
  MATCH (q:ReviewItem {status: 'pending'})
  RETURN count(q) AS review_pending
}
CALL () {
  MATCH (k:Case {status: 'open'})-[:CONCERNS]->(c:ContentCluster)
  WHERE k.recording_decided_at IS NULL
  WITH k, min(c.first_at) AS first
  WHERE first < $overdue_before
  RETURN count(k) AS decisions_overdue
}
RETURN review_pending, decisions_overdue

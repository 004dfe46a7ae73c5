// Content with a report received since a time: its first captured text, its latest report,
// its accounts, and whether it has a referral of its own.
// params: since
MATCH (r:Report) WHERE r.received_at >= $since
WITH DISTINCT r.cluster_id AS cid
MATCH (cc:ContentCluster {id: cid})
CALL (cc) {
  MATCH (r:Report {cluster_id: cc.id})-[a:ABOUT]->(:Content)
  WITH r, a ORDER BY r.received_at, r.id, a.index
  RETURN [t IN collect(a.text) WHERE t IS NOT NULL][0] AS text,
         max(r.received_at) AS last_reported_at
}
CALL (cc) {
  MATCH (r:Report {cluster_id: cc.id})
  CALL (r) {
    MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
    RETURN a
    UNION
    MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account)
    RETURN a
  }
  WITH DISTINCT a ORDER BY a.key
  RETURN collect(a.key)[..50] AS accounts
}
OPTIONAL MATCH (own:RemovalReferral {content_id: cc.id})
RETURN cc.id AS content_id, cc.platform AS platform, text, last_reported_at, accounts,
       own.id AS own_referral_id

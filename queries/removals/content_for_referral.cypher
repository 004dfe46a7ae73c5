// What a removal referral of one content item says: its address and captured text as first
// reported, the evidence files people sent (JSON of their hashes), the accounts that posted it
// or were named for it, its case, and the referral already made of it (if any).
// params: content_id
MATCH (cc:ContentCluster {id: $content_id})
OPTIONAL MATCH (k:Case)-[:CONCERNS]->(cc)
CALL (cc) {
  MATCH (r:Report {cluster_id: cc.id})-[a:ABOUT]->(c:Content)
  WITH r, a, c ORDER BY r.received_at, r.id, a.index
  RETURN collect(c.url)[0] AS url, [t IN collect(a.text) WHERE t IS NOT NULL][0] AS text,
         [f IN collect(DISTINCT a.attachments) WHERE f IS NOT NULL] AS attachments,
         count(DISTINCT r) AS reports
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
OPTIONAL MATCH (ref:RemovalReferral {content_id: cc.id})
RETURN cc.id AS content_id, cc.platform AS platform, k.id AS case_id, url, text, attachments,
       reports, accounts, ref.id AS referral_id

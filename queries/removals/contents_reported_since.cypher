// Content with a report received, or an evidence file attached to one, since a time: its first
// captured text, its latest report, its accounts, whether it has a referral of its own, and
// the PDQ hashes of its reports' images.
// params: since
CALL () {
  MATCH (r:Report) WHERE r.received_at >= $since
  RETURN DISTINCT r.cluster_id AS cid
  UNION
  MATCH (:EvidenceFile)-[a:ATTACHED_TO]->(r:Report) WHERE a.received_at >= $since
  RETURN DISTINCT r.cluster_id AS cid
}
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
       own.id AS own_referral_id,
       COLLECT {
         MATCH (r:Report {cluster_id: cc.id})<-[:ATTACHED_TO]-(f:EvidenceFile)
         WHERE f.pdq IS NOT NULL
         WITH DISTINCT f ORDER BY f.sha256
         RETURN {sha256: f.sha256, pdq: f.pdq, quality: f.pdq_quality, crops: f.pdq_crops,
                 dihedral: f.pdq_dihedral}
       } AS images

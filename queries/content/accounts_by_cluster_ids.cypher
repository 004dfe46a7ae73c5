// Accounts named by, or posting, the reports of each cluster (DataLoader batch).
// params: ids
UNWIND $ids AS cid
CALL (cid) {
  MATCH (r:Report {cluster_id: cid})
  CALL (r) {
    MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN a
    UNION
    MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account) RETURN a
  }
  RETURN DISTINCT a LIMIT 100
}
RETURN cid AS cluster_id, a.key AS key, a.platform AS platform, a.handle AS handle

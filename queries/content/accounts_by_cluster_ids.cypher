// Accounts named by, or posting, the reports of each cluster (DataLoader batch): one record a
// cluster, its accounts listed as maps under `items`.
// params: ids
UNWIND $ids AS cid
CALL (cid) {
  MATCH (r:Report {cluster_id: cid})
  CALL (r) {
    MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN a
    UNION
    MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account) RETURN a
  }
  WITH DISTINCT a LIMIT 100
  RETURN collect({key: a.key, platform: a.platform, handle: a.handle}) AS items
}
RETURN cid AS cluster_id, items

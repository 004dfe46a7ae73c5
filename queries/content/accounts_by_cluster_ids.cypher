// Accounts named by, or posting, the reports of each cluster (DataLoader batch): one record a
// cluster, its accounts listed as maps under `items`. The posters are found once a content, not
// once a report: the reports of a viral post all reach the same content.
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, viewer_sees_all
UNWIND CASE WHEN $viewer_sees_all THEN $ids ELSE [] END AS cid
CALL (cid) {
  MATCH (r:Report {cluster_id: cid})
  WITH collect(r) AS reports
  CALL (reports) {
    UNWIND reports AS r
    MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
    RETURN a
    UNION
    UNWIND reports AS r
    MATCH (r)-[:ABOUT]->(c:Content)
    WITH DISTINCT c
    MATCH (c)<-[:POSTED]-(a:Account)
    RETURN a
  }
  WITH a LIMIT 100
  RETURN collect({key: a.key, platform: a.platform, handle: a.handle}) AS items
}
RETURN cid AS cluster_id, items

// How many identity decisions await an analyst in the viewer's scope: the items
// review_queue_page.cypher pages through, counted (for the queue's total).
// params: viewer_force, viewer_sees_all
CALL () {
  MATCH (x)-[j:IDENTITY_UNSURE]->(y)
  WHERE j.superseded_by IS NULL
  RETURN x, j, y
  UNION
  MATCH (x)-[j:SAME_PERSON]->(y)
  WHERE j.needs_review = true AND j.superseded_by IS NULL
  RETURN x, j, y
  UNION
  MATCH (x)-[j:NOT_SAME_PERSON]->(y)
  WHERE j.needs_review = true AND j.superseded_by IS NULL
  RETURN x, j, y
}
WITH x, j, y
WHERE $viewer_sees_all OR all(n IN [x, y] WHERE EXISTS {
    MATCH (n)-[:VICTIM_IN|SUSPECTED_IN|REPORTED|NAMES_SUSPECT]-(r:Report)
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
RETURN count(j) AS total

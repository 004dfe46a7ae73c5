// The two reports a judgement joins, and their clusters.
// params: id
CALL () {
  MATCH (a:Report)-[j:SAME_CONTENT {id: $id}]->(b:Report) RETURN a, b
  UNION
  MATCH (a:Report)-[j:NOT_SAME {id: $id}]->(b:Report) RETURN a, b
  UNION
  MATCH (a:Report)-[j:UNSURE {id: $id}]->(b:Report) RETURN a, b
}
RETURN a.id AS a, a.cluster_id AS a_cluster, b.id AS b, b.cluster_id AS b_cluster

// One review item with the report it is about and the candidate cluster's anchor report.
// params: id
MATCH (q:ReviewItem {id: $id})-[:ABOUT_REPORT]->(r:Report)
OPTIONAL MATCH (c:ContentCluster {id: q.candidate_cluster_id})
RETURN q.id AS id, q.status AS status, r.id AS report_id, r.cluster_id AS report_cluster,
       c.id AS candidate_cluster_id, c.anchor AS candidate_anchor, q.score AS score

// Every evidence file of a case's reports (its evidence package's manifest), metadata only:
// each file once, by SHA-256, with the references of the case's reports it was sent with.
// params: case_id
MATCH (:Case {id: $case_id})-[:CONCERNS]->(cc:ContentCluster)
MATCH (r:Report {cluster_id: cc.id})<-[:ATTACHED_TO]-(f:EvidenceFile)
WITH DISTINCT f, r.reference AS reference ORDER BY reference
WITH f, collect(reference) AS references
RETURN f.sha256 AS sha256, f.size AS size, f.media_type AS media_type, references
ORDER BY sha256

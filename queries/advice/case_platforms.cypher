// The platforms of the content a case concerns (guidance can be about a platform).
// params: case_id
MATCH (:Case {id: $case_id})-[:CONCERNS]->(c:ContentCluster)
WHERE c.platform IS NOT NULL
RETURN collect(DISTINCT c.platform) AS platforms

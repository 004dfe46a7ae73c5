// Open the default case of each content cluster that is in no case: one case per content
// (graph/cases/creation.py, which gives each row its case id; one row a cluster). A cluster
// already in a case, its own or one an analyst merged it into, stays there; a cluster in no
// case has no CONCERNS edge, so it is created, not merged.
// params: rows
UNWIND $rows AS row
MATCH (c:ContentCluster {id: row.cluster_id})
WHERE NOT EXISTS { (:Case)-[:CONCERNS]->(c) }
MERGE (k:Case {id: row.case_id})
  ON CREATE SET k.created_at = datetime(), k.status = 'open', k.reason = 'one case per content'
CREATE (k)-[:CONCERNS]->(c)

// The relationships between pairs of nodes of a neighbourhood (element ids: a frontier node and
// a neighbour it contributed, from intel/neighbourhood), over the relationships a neighbourhood
// follows, found between the two bound nodes; superseded judgements are not links. A report
// and its content cluster are joined by the report's `cluster_id` (IN_CLUSTER, from the report).
// Asked only for the pairs an answer shows, so a busy node costs no more than its neighbours.
// params: pairs
UNWIND $pairs AS pair
MATCH (a) WHERE elementId(a) = pair[0]
MATCH (b) WHERE elementId(b) = pair[1]
CALL (a, b) {
  MATCH (a)-[rel:NAMES_SUSPECT|POSTED|ABOUT|VICTIM_IN|REPORTED|HAS_EMAIL|HAS_PHONE|USED_IP|SAME_PERSON|SAME_CONTENT|CONCERNS]-(b)
  WHERE rel.superseded_by IS NULL
  RETURN elementId(startNode(rel)) AS start, type(rel) AS type
  UNION
  WITH a, b WHERE a:Report AND b:ContentCluster AND a.cluster_id = b.id
  RETURN elementId(a) AS start, 'IN_CLUSTER' AS type
  UNION
  WITH a, b WHERE a:ContentCluster AND b:Report AND b.cluster_id = a.id
  RETURN elementId(b) AS start, 'IN_CLUSTER' AS type
}
RETURN pair[0] AS a, pair[1] AS b, start, type

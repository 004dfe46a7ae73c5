// One ring of a neighbourhood: the neighbours of each frontier node (given by element id, from
// intel/resolve_entities or the previous ring) over the hub's investigative relationships,
// plus a report's membership of its content cluster (the report's `cluster_id`, IN_CLUSTER).
// Superseded judgements are not links. At most $fanout neighbours a node, so one busy node
// (a post reported thousands of times) cannot flood the ring; which ones is not specified.
// params: frontier, fanout
UNWIND $frontier AS ref
MATCH (x) WHERE elementId(x) = ref
CALL (x) {
  CALL (x) {
    MATCH (x)-[rel:NAMES_SUSPECT|POSTED|ABOUT|VICTIM_IN|REPORTED|HAS_EMAIL|HAS_PHONE|USED_IP|SAME_PERSON|SAME_CONTENT|CONCERNS]-(n)
    WHERE rel.superseded_by IS NULL
    RETURN n
    UNION
    WITH x WHERE x:Report
    MATCH (n:ContentCluster {id: x.cluster_id})
    RETURN n
    UNION
    WITH x WHERE x:ContentCluster
    MATCH (n:Report {cluster_id: x.id})
    RETURN n
  }
  RETURN n LIMIT $fanout
}
RETURN ref AS source, elementId(n) AS ref, labels(n)[0] AS label,
       coalesce(n.key, n.id, n.address, n.e164, n.ip) AS id

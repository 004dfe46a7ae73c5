// The reports of each cluster, oldest first, at most $limit per cluster (DataLoader batch).
// params: ids, limit
UNWIND $ids AS cid
CALL (cid) {
  MATCH (r:Report {cluster_id: cid})
  RETURN r ORDER BY r.received_at, r.id LIMIT $limit
}
RETURN cid AS cluster_id, r.id AS id, r.source AS source, r.source_ref AS source_ref,
       r.reference AS reference, toString(r.received_at) AS received_at, r.strands AS strands,
       r.cluster_id AS content_id

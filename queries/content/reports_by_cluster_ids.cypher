// The reports of each cluster, oldest first, at most $limit per cluster (DataLoader batch):
// one record a cluster, its reports listed as maps under `items` (the driver's cost is per
// record: 500 reports as 500 records took twice as long).
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, limit, viewer_sees_all
UNWIND CASE WHEN $viewer_sees_all THEN $ids ELSE [] END AS cid
CALL (cid) {
  MATCH (r:Report {cluster_id: cid})
  WITH r ORDER BY r.received_at, r.id LIMIT $limit
  RETURN collect({
    id: r.id, source: r.source, source_ref: r.source_ref, reference: r.reference,
    received_at: toString(r.received_at), strands: r.strands, content_id: r.cluster_id
  }) AS items
}
RETURN cid AS cluster_id, items

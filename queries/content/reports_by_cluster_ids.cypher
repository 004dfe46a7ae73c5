// A page of the reports of each cluster, oldest first (DataLoader batch): at most $limit
// reports after each page's cursor (received_at, then id), one record a page, its reports
// listed as maps under `items` (the driver's cost is per record: 500 reports as 500 records
// took twice as long). `after_at` is the cursor's toString(received_at), so it compares exactly.
// Reports are read in the order of the (cluster_id, received_at) index from the cursor on
// (`received_at >=` it, a range the index seeks), so a page of a viral post's 1,915 reports
// reads about 500 of them, not all (db hits 7,750 -> 3,011 on the 100k bench graph); without
// the hint the planner took the cluster_id index and sorted every report of the cluster.
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: pages, limit, viewer_sees_all
UNWIND CASE WHEN $viewer_sees_all THEN range(0, size($pages) - 1) ELSE [] END AS index
WITH index, $pages[index] AS page
CALL (page) {
  MATCH (r:Report) USING INDEX r:Report(cluster_id, received_at)
  WHERE r.cluster_id = page.cid
    AND r.received_at >= coalesce(datetime(page.after_at), datetime({year: -999999999}))
    AND (page.after_at IS NULL OR r.received_at > datetime(page.after_at) OR r.id > page.after_id)
  WITH r ORDER BY r.cluster_id, r.received_at, r.id LIMIT $limit
  RETURN collect({
    id: r.id, source: r.source, source_ref: r.source_ref, reference: r.reference,
    received_at: toString(r.received_at), strands: r.strands, content_id: r.cluster_id
  }) AS items
}
RETURN index, items

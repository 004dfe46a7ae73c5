// The reports of some clusters, in arrival order, with their matching evidence. Times as ISO
// text (graph.db.from_wire_time): an analyst's merge or split of a viral content reads
// thousands of reports, and the driver reads a DateTime at about 35 us.
// params: cluster_ids
MATCH (r:Report) WHERE r.cluster_id IN $cluster_ids
RETURN r.id AS id, r.cluster_id AS cluster_id,
       r.match_platform AS match_platform, r.match_reporter_key AS match_reporter_key,
       r.match_post_key AS match_post_key, r.match_handles AS match_handles,
       r.match_text AS match_text, toString(r.match_captured_at) AS match_captured_at,
       toString(r.match_occurred_at) AS match_occurred_at, r.match_victim_key AS match_victim_key
ORDER BY r.received_at, r.id

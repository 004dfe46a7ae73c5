// Reports not yet in a content cluster, oldest first, with their matching evidence. Times as
// ISO text (graph.db.from_wire_time): the driver reads a DateTime at about 35 us.
// params: page
MATCH (r:Report) WHERE r.cluster_id IS NULL
RETURN r.id AS id, toString(r.received_at) AS received_at,
       r.match_platform AS match_platform, r.match_reporter_key AS match_reporter_key,
       r.match_post_key AS match_post_key, r.match_handles AS match_handles,
       r.match_text AS match_text, toString(r.match_captured_at) AS match_captured_at,
       toString(r.match_occurred_at) AS match_occurred_at, r.match_victim_key AS match_victim_key
ORDER BY r.received_at, r.id
LIMIT $page

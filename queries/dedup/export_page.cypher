// One page of report -> content cluster, in report id order (keyset pagination).
// params: after, page
MATCH (r:Report)
WHERE r.id > $after
RETURN r.id AS id, r.source_ref AS source_ref, r.cluster_id AS cluster_id
ORDER BY r.id
LIMIT $page

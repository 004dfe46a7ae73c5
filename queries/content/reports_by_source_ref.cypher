// A report by its reference at the sending system (and the system, if given).
// Hub staff only: a viewer who does not see all forces gets nothing.
// params: source_ref, source, viewer_sees_all
MATCH (r:Report {source_ref: $source_ref})
WHERE $viewer_sees_all AND ($source IS NULL OR r.source = $source)
RETURN r.id AS id, r.source AS source, r.source_ref AS source_ref, r.reference AS reference,
       toString(r.received_at) AS received_at, r.strands AS strands, r.cluster_id AS content_id
LIMIT 2

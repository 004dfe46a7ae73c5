// A report by its reference at the sending system (and the system, if given).
// params: source_ref, source
MATCH (r:Report {source_ref: $source_ref})
WHERE $source IS NULL OR r.source = $source
RETURN r.id AS id, r.source AS source, r.source_ref AS source_ref, r.reference AS reference,
       toString(r.received_at) AS received_at, r.strands AS strands, r.cluster_id AS content_id
LIMIT 2

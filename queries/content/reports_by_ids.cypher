// Reports by id (DataLoader batch).
// params: ids
MATCH (r:Report) WHERE r.id IN $ids
RETURN r.id AS id, r.source AS source, r.source_ref AS source_ref, r.reference AS reference,
       toString(r.received_at) AS received_at, r.strands AS strands, r.cluster_id AS content_id

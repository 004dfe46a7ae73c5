// Reports by id (DataLoader batch).
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, viewer_sees_all
MATCH (r:Report) WHERE $viewer_sees_all AND r.id IN $ids
RETURN r.id AS id, r.source AS source, r.source_ref AS source_ref, r.reference AS reference,
       toString(r.received_at) AS received_at, r.strands AS strands, r.cluster_id AS content_id

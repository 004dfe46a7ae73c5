// When each content item's incident happened: the earliest occurrence time its reports give
// (else the earliest receipt), for the first and last incident of a course of conduct.
// params: ids
UNWIND $ids AS id
MATCH (r:Report {cluster_id: id})
RETURN id, min(coalesce(r.occurred_at, r.received_at)) AS at

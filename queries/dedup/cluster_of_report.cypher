// The cluster a report is in.
// params: report_id
MATCH (r:Report {id: $report_id})
RETURN r.cluster_id AS cluster_id

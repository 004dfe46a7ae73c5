// Record which content cluster each report belongs to.
// params: rows
UNWIND $rows AS row
MATCH (r:Report {id: row.report_id})
SET r.cluster_id = row.cluster_id

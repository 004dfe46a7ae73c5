// When each of some reports founded a content cluster, for those that ever did: the linker,
// or an analyst's split, opens a cluster's default case as it writes the cluster
// (cases/open_default_cases), and the case stays when the cluster goes. Rows: each report
// with the default case of the cluster it would found (graph/cases/creation.py). Times as ISO
// text (graph.db.from_wire_time). graph/dedup/analyst.py ranks founders by it.
// params: rows
UNWIND $rows AS row
MATCH (k:Case {id: row.case_id})
RETURN row.report_id AS report_id, toString(k.created_at) AS founded_at

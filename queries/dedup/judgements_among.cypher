// Every judgement (active or superseded) between the given reports.
// params: report_ids
MATCH (a:Report)-[j:SAME_CONTENT|NOT_SAME|UNSURE]->(b:Report)
WHERE a.id IN $report_ids AND b.id IN $report_ids
RETURN a.id AS a, b.id AS b, properties(j) AS props

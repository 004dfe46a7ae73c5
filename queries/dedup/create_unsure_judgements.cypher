// Record UNSURE judgements between reports (never deleted; superseded instead).
// params: rows
UNWIND $rows AS row
MATCH (a:Report {id: row.left}), (b:Report {id: row.right})
CREATE (a)-[j:UNSURE]->(b)
SET j = row.props, j.at = datetime(row.props.at)

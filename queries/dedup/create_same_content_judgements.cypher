// Record SAME_CONTENT judgements between reports (never deleted; superseded instead).
// params: rows
UNWIND $rows AS row
MATCH (a:Report {id: row.left}), (b:Report {id: row.right})
CREATE (a)-[j:SAME_CONTENT]->(b)
SET j = row.props, j.at = datetime(row.props.at)

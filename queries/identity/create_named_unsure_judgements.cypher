// Record IDENTITY_UNSURE judgements between people named in reports (never deleted: superseded).
// params: rows
UNWIND $rows AS row
MATCH (a:Person {id: row.left}), (b:Person {id: row.right})
CREATE (a)-[j:IDENTITY_UNSURE]->(b)
SET j = row.props, j.at = datetime(row.props.at)

// Record NOT_SAME_PERSON judgements between accounts (never deleted; superseded instead).
// params: rows
UNWIND $rows AS row
MATCH (a:Account {key: row.left}), (b:Account {key: row.right})
CREATE (a)-[j:NOT_SAME_PERSON]->(b)
SET j = row.props, j.at = datetime(row.props.at)

// Every identity judgement between accounts (active or superseded).
// params:
MATCH (a:Account)-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]->(b:Account)
RETURN a.key AS a, b.key AS b, properties(j) AS props

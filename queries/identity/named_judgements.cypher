// Every identity judgement between people named in reports (active or superseded).
// params:
MATCH (a:Person)-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE]->(b:Person)
RETURN a.id AS a, b.id AS b, properties(j) AS props

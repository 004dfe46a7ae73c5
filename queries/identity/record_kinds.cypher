// What each key names: an account ('account'), a person named in a report ('person'), or
// nothing (null); and whether that person is an anonymous reporter (never linked).
// params: keys
UNWIND $keys AS key
OPTIONAL MATCH (a:Account {key: key})
OPTIONAL MATCH (p:Person {id: key})
RETURN key,
       CASE WHEN a IS NOT NULL THEN 'account' WHEN p IS NOT NULL THEN 'person' END AS kind,
       p IS NOT NULL AND EXISTS { (p)-[:REPORTED {role: 'anonymous'}]->(:Report) } AS anonymous

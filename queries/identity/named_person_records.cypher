// Every person named in a report (reporter, victim, suspect) with what named-people linkage
// compares, and the person id recorded last time. Anonymous reporters are left out: they gave
// nothing to link on and are never linked.
// params:
MATCH (p:Person)
WHERE NOT EXISTS { (p)-[:REPORTED {role: 'anonymous'}]->(:Report) }
RETURN p.id AS key, p.name AS name, p.postcode AS postcode, p.location AS location,
       COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address } AS emails,
       COLLECT { MATCH (p)-[:HAS_PHONE]->(t:Phone) RETURN t.e164 } AS phones,
       p.person_id AS person_id
ORDER BY key

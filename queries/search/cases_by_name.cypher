// Cases whose reports name a person (reporter, victim or suspect) whose name has every word
// searched for, through the folding full-text index (accents and case do not matter:
// queries/schema/030_search.cypher). Hub staff only (the use case refuses others), and never
// an anonymous reporter. At most $scan people are read, best matches first.
// params: words, scan, limit
CALL db.index.fulltext.queryNodes('person_names', $words, {limit: $scan}) YIELD node AS p, score
MATCH (p)-[named:REPORTED|VICTIM_IN|SUSPECTED_IN]->(r:Report)
WHERE NOT (type(named) = 'REPORTED' AND coalesce(named.role, '') = 'anonymous')
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
WITH k, p, r, score,
     CASE type(named) WHEN 'REPORTED' THEN 'reporter' WHEN 'VICTIM_IN' THEN 'victim'
                      ELSE 'suspect' END AS role
ORDER BY r.received_at
WITH k, p, score, collect(DISTINCT role) AS roles, collect(r)[0] AS r
WITH k, p, score, r, [x IN ['victim', 'reporter', 'suspect'] WHERE x IN roles] AS roles
ORDER BY score DESC, r.received_at
WITH k, collect(p.name + ' (' + reduce(s = head(roles), x IN tail(roles) | s + ' and ' + x) + ')')[0] AS value,
     collect(r)[0] AS r, max(score) AS best
RETURN k.id AS case_id, k.status AS status,
       COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
       r.reference AS reference, r.received_at AS received_at,
       'a person named' AS how, value
ORDER BY best DESC, case_id
LIMIT $limit

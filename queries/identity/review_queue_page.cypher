// A page of the identity decisions awaiting an analyst, oldest first (by `at`, then id), after
// the judgement at $after_at with id $after_id (both null for the first page): active
// IDENTITY_UNSURE judgements (the system was unsure, or an undo reopened the pair), and active
// judgements flagged because a disclosure their evidence relied on was withdrawn. Both sides of
// each: two accounts, or two people named in reports (with their roles and first report). Hub
// staff see every item; a force only items whose both sides are in reports of its cases
// (assigned or notified).
// params: after_at, after_id, limit, viewer_force, viewer_sees_all
CALL () {
  MATCH (x)-[j:IDENTITY_UNSURE]->(y)
  WHERE j.superseded_by IS NULL
  RETURN x, j, y
  UNION
  MATCH (x)-[j:SAME_PERSON]->(y)
  WHERE j.needs_review = true AND j.superseded_by IS NULL
  RETURN x, j, y
  UNION
  MATCH (x)-[j:NOT_SAME_PERSON]->(y)
  WHERE j.needs_review = true AND j.superseded_by IS NULL
  RETURN x, j, y
}
WITH x, j, y
WHERE ($after_at IS NULL OR j.at > $after_at OR (j.at = $after_at AND j.id > $after_id))
  AND ($viewer_sees_all OR all(n IN [x, y] WHERE EXISTS {
    MATCH (n)-[:VICTIM_IN|SUSPECTED_IN|REPORTED|NAMES_SUSPECT]-(r:Report)
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  }))
ORDER BY j.at, j.id
LIMIT $limit
WITH j, [x, y] AS pair
RETURN j.id AS id, j.verdict AS verdict, j.score AS score, j.evidence AS evidence,
       j.actor AS actor, j.at AS at, j.reason AS reason,
       coalesce(j.needs_review, false) AS needs_review,
       coalesce(j.withdrawn_disclosures, []) AS withdrawn_disclosures,
       [n IN pair | CASE WHEN n:Account THEN {
           kind: 'ACCOUNT', key: n.key, person_id: coalesce(n.person_id, 'person:' + n.key),
           platform: n.platform, handle: n.handle, name: null, roles: [], report: null
         } ELSE {
           kind: 'NAMED_PERSON', key: n.id, person_id: coalesce(n.person_id, n.id),
           platform: null, handle: null, name: n.name,
           roles: COLLECT {
             MATCH (n)-[rel:VICTIM_IN|SUSPECTED_IN|REPORTED]->(:Report)
             RETURN DISTINCT type(rel) AS role ORDER BY role
           },
           report: COLLECT {
             MATCH (n)-[:VICTIM_IN|SUSPECTED_IN|REPORTED]->(r:Report)
             RETURN r.reference ORDER BY r.reference
           }[0]
         } END] AS sides

// A page of the identity decisions awaiting an analyst, most valuable first, after the item
// with rank $after_rank and id $after_id (both null for the first page): active
// IDENTITY_UNSURE judgements (the system was unsure, or an undo reopened the pair), and active
// judgements flagged because a disclosure their evidence relied on was withdrawn. The rank is
// text that sorts the flagged judgements first (an analyst's decision lost its evidence), then
// by the stored priority, highest first (graph/identity/review_priority.py: the expected
// correct links confirming would gain; the score where none is stored), then by id. Both sides
// of each: two accounts, or two people named in reports (with their roles and first report).
// Hub staff see every item; a force only items whose both sides are in reports of its cases
// (assigned or notified). `at` is returned as toString of the datetime (an `at` an older hub
// wrote as text reads as the datetime it names).
// params: after_rank, after_id, limit, viewer_force, viewer_sees_all
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
WITH x, j, y, datetime(j.at) AS at,
     CASE WHEN j.needs_review = true THEN '0' ELSE '1' END + right(
       '000000000000000' + toString(
         1000000000000000 - toInteger(round(coalesce(j.priority, j.score, 0.0) * 1000000))
       ), 16) AS rank
WHERE ($after_rank IS NULL OR rank > $after_rank OR (rank = $after_rank AND j.id > $after_id))
  AND ($viewer_sees_all OR all(n IN [x, y] WHERE EXISTS {
    MATCH (n)-[:VICTIM_IN|SUSPECTED_IN|REPORTED|NAMES_SUSPECT]-(r:Report)
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  }))
ORDER BY rank, j.id
LIMIT $limit
WITH j, at, rank, [x, y] AS pair
RETURN j.id AS id, rank, coalesce(j.priority, j.score) AS priority, j.verdict AS verdict, j.score AS score, j.evidence AS evidence,
       j.actor AS actor, toString(at) AS at, j.reason AS reason,
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

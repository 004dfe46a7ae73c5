// The case of the report with this hub reference, if the viewer may see it: hub staff see
// every case, a force officer only the cases assigned or notified to their force.
// params: reference, limit, viewer_force, viewer_sees_all
MATCH (r:Report {reference: $reference})
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
WHERE $viewer_sees_all OR EXISTS { (k)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force}) }
RETURN k.id AS case_id, k.status AS status,
       COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
       r.reference AS reference, r.received_at AS received_at,
       'the report reference' AS how, r.reference AS value
ORDER BY case_id
LIMIT $limit

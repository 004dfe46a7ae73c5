// Cases whose reports are about the content at this address: the post's key when the address
// names a post (however it was written: x.com or twitter.com, tracking parameters), else the
// cleaned address itself. The viewer's force scope applies as for a reference.
// params: post_key, url, limit, viewer_force, viewer_sees_all
CALL () {
  MATCH (c:Content {id: $post_key}) RETURN c
  UNION
  MATCH (c:Content {url: $url}) RETURN c
}
MATCH (c)<-[:ABOUT]-(r:Report)
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
WHERE $viewer_sees_all OR EXISTS { (k)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force}) }
WITH k, c, r ORDER BY r.received_at
WITH k, collect(c.url)[0] AS url, collect(r)[0] AS r
RETURN k.id AS case_id, k.status AS status,
       COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
       r.reference AS reference, r.received_at AS received_at,
       'the content address' AS how, url AS value
ORDER BY received_at DESC, case_id
LIMIT $limit

// Cases whose reports name one of these accounts (platform|handle keys) as the suspect, or
// concern content one of them posted; the viewer's force scope applies as for a reference.
// Each account's reports are read up to $scan of them (a prolific account is named in
// thousands), newest first, so the search is bounded; the caller says when it may have stopped.
// params: keys, scan, limit, viewer_force, viewer_sees_all
MATCH (a:Account) WHERE a.key IN $keys
CALL (a) {
  CALL (a) {
    MATCH (a)<-[:NAMES_SUSPECT]-(r:Report) RETURN r, 'named as the suspect' AS how
    UNION
    MATCH (a)-[:POSTED]->(:Content)<-[:ABOUT]-(r:Report) RETURN r, 'posted the content' AS how
  }
  RETURN r, how ORDER BY r.received_at DESC LIMIT $scan
}
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
WHERE $viewer_sees_all OR EXISTS { (k)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force}) }
WITH k, a, how, r ORDER BY r.received_at
WITH k, collect(DISTINCT a.key + ' ' + how) AS matched, collect(r)[0] AS r
RETURN k.id AS case_id, k.status AS status,
       COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
       r.reference AS reference, r.received_at AS received_at,
       'an account' AS how, matched[0] AS value
ORDER BY received_at DESC, case_id
LIMIT $limit

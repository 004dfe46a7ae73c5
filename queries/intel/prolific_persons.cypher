// Persons behind accounts (`Account.person_id`, or the account alone) named as the suspect in
// the most reports (or the most distinct content) received in the window, across platforms.
// A force (not hub staff) would see only reports whose case it holds or was notified.
// params: since, until, by_content, skip, limit, accounts_shown, viewer_force, viewer_sees_all
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
  AND ($viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  })
MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
WITH coalesce(a.person_id, 'person:' + a.key) AS person_id, count(DISTINCT r) AS reports,
     count(DISTINCT coalesce(r.cluster_id, r.id)) AS contents, collect(DISTINCT a.key) AS keys,
     collect(DISTINCT a.platform) AS platforms
RETURN person_id, reports, contents, size(keys) AS account_count,
       keys[..$accounts_shown] AS accounts, platforms
ORDER BY CASE WHEN $by_content THEN contents ELSE reports END DESC,
         CASE WHEN $by_content THEN reports ELSE contents END DESC, person_id
SKIP $skip LIMIT $limit

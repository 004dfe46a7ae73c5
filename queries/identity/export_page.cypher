// One page of account -> person, in key order (keyset pagination).
// params: after, page
MATCH (a:Account) WHERE a.key > $after
RETURN a.key AS key, coalesce(a.person_id, 'person:' + a.key) AS person_id
ORDER BY a.key
LIMIT $page

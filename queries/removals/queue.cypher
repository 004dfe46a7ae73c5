// Referrals in the given statuses (optionally one platform, optionally only those due before
// a time), the soonest due or oldest drafted first, after a cursor (the last id of a page).
// params: statuses, platform, due_before, after_key, limit
MATCH (ref:RemovalReferral)
WHERE ref.status IN $statuses
  AND ($platform IS NULL OR ref.platform = $platform)
  AND ($due_before IS NULL OR ref.due_at < $due_before)
WITH ref, toString(coalesce(ref.due_at, ref.drafted_at)) + '|' + ref.id AS key
WHERE $after_key IS NULL OR key > $after_key
RETURN ref.id AS id, key
ORDER BY key
LIMIT $limit

// Cases a force sees: assigned to it, or on which it was notified (victim care, linked).
// params: viewer_force, viewer_sees_all, limit
MATCH (k:Case)-[rel:ASSIGNED_TO|NOTIFIED]->(f:Force)
WHERE $viewer_sees_all OR f.code = $viewer_force
RETURN DISTINCT k.id AS id, k.status AS status, type(rel) AS how, f.code AS force_code
ORDER BY k.id
LIMIT $limit

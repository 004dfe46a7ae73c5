// Which accounts were reported as targeting which victims in a window (for campaign detection).
// params: since, until, limit
MATCH (r:Report)
WHERE r.received_at >= $since AND r.received_at < $until
MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
MATCH (v:Person)-[:VICTIM_IN]->(r)
OPTIONAL MATCH (v)-[:HAS_EMAIL]->(e:Email)
WITH a.key AS account, coalesce(e.address, toLower(v.name), v.id) AS victim, r
RETURN account, victim, count(r) AS reports, min(r.received_at) AS first, max(r.received_at) AS last
LIMIT $limit

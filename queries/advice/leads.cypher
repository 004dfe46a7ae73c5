// The directory: each force with its latest hate crime lead entry (null where none is
// recorded), by force code, a page at a time after a force code.
// params: after_key, limit
MATCH (f:Force)
WHERE $after_key IS NULL OR f.code > $after_key
WITH f ORDER BY f.code LIMIT $limit
CALL (f) {
  OPTIONAL MATCH (f)-[:HAS_HATE_CRIME_LEAD]->(e:HateCrimeLead)
  RETURN e ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1
}
RETURN f.code AS key, f.code AS force_code, f.name AS force_name, e {.*} AS entry
ORDER BY f.code

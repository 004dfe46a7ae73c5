// Every version of one force's hate crime lead entry, newest first.
// params: force_code
MATCH (:Force {code: $force_code})-[:HAS_HATE_CRIME_LEAD]->(e:HateCrimeLead)
RETURN e {.*} AS entry
ORDER BY e.recorded_at DESC, e.id DESC

// Create or update postcode districts and their links to every force they touch.
// params: rows
UNWIND $rows AS row
MERGE (d:PostcodeDistrict {code: row.district})
SET d.method = row.method, d.main_force_code = row.force_code
WITH d, row
MATCH (main:Force {code: row.force_code})
MERGE (d)-[:MAIN_FORCE]->(main)
WITH d, row
UNWIND row.all_force_codes AS code
MATCH (f:Force {code: code})
MERGE (d)-[:TOUCHES_FORCE]->(f)
RETURN count(DISTINCT d) AS count

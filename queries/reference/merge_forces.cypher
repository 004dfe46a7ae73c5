// Create or update the police forces.
// params: rows
UNWIND $rows AS row
MERGE (f:Force {code: row.code})
SET f.name = row.name,
    f.ons_name = row.ons_name,
    f.police_uk_id = row.police_uk_id,
    f.country = row.country,
    f.territorial = row.territorial
RETURN count(f) AS count

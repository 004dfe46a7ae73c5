// Forces by code (for DataLoaders: one query per batch of codes).
// params: codes
MATCH (f:Force) WHERE f.code IN $codes
RETURN f.code AS code, f.name AS name, f.ons_name AS ons_name,
       f.police_uk_id AS police_uk_id, f.country AS country, f.territorial AS territorial

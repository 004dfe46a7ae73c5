// All forces, in code order.
// params:
MATCH (f:Force)
RETURN f.code AS code, f.name AS name, f.ons_name AS ons_name,
       f.police_uk_id AS police_uk_id, f.country AS country, f.territorial AS territorial
ORDER BY f.territorial DESC, f.code

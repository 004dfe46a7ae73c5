// Reports already received, by intake key (source|source_ref).
// params: keys
UNWIND $keys AS key
MATCH (r:Report {intake_key: key})
RETURN key, r.id AS id, r.reference AS reference, r.payload_hash AS payload_hash

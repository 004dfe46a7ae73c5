// The fingerprint of the schema and upgrade files last applied in full (graph/schema.py), or
// null when none was recorded.
// params:
OPTIONAL MATCH (s:SchemaState {id: 'schema'})
RETURN s.fingerprint AS fingerprint

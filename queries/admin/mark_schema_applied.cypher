// Record that every schema statement and data upgrade of these files has run (graph/schema.py).
// params: fingerprint, applied_at
MERGE (s:SchemaState {id: 'schema'})
SET s.fingerprint = $fingerprint, s.applied_at = datetime($applied_at)

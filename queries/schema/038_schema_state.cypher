// The schema and data upgrades this graph last had applied, as one marker (graph/schema.py):
// the API's start-up skips both when their files have not changed since.
// params:
CREATE CONSTRAINT schema_state_id IF NOT EXISTS FOR (s:SchemaState) REQUIRE s.id IS UNIQUE;

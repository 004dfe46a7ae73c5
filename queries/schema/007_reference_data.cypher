// The marker the reference loader leaves (graph/reference/loader.py ensure_reference): one node
// holding the fingerprint of the forces and districts last loaded, so start-up loads them only
// when this version ships other rows.
// params:
CREATE CONSTRAINT reference_data_id IF NOT EXISTS FOR (m:ReferenceData) REQUIRE m.id IS UNIQUE;

// A complainant's choice of language for their updates, as hub staff recorded it, on the
// reporter of the report with this reference; every choice is kept, the latest applies.
// params: reference, id, language, by, at
MATCH (:Report {reference: $reference})<-[:REPORTED]-(p:Person)
CREATE (p)-[:PREFERS]->(:UpdatePreference {
  id: $id, language: $language, recorded_by: $by, recorded_at: $at
})
RETURN p.id AS person_id

// Whether a report has this reference (hub staff sending evidence need no code, but a report).
// params: reference
MATCH (r:Report {reference: $reference})
RETURN r.reference AS reference
LIMIT 1

// The latest assessment decision of each case (DataLoader batch).
// params: ids
MATCH (k:Case)-[:HAS_DECISION]->(d:AssessmentDecision) WHERE k.id IN $ids
WITH k, d ORDER BY d.decided_at DESC
WITH k, collect(d)[0] AS d
RETURN k.id AS id, d.recommended AS recommended, d.decided AS decided, d.accepted AS accepted,
       d.reason AS reason, d.decided_by AS decided_by, d.decided_at AS decided_at

// Keep journalled referrals that conflict with the report written meanwhile under their key
// (another payload): the journalled payload verbatim, the reference and access code it was
// given, when it was received, and the report it conflicts with. One node per journal
// reference: a replay repeated after a crash finds it kept and changes nothing.
// params: rows, detected_at
UNWIND $rows AS row
MATCH (r:Report {intake_key: row.intake_key})
MERGE (c:IntakeConflict {reference: row.reference})
ON CREATE SET
  c.intake_key = row.intake_key, c.source = row.source, c.source_ref = row.source_ref,
  c.raw_payload = row.raw_payload, c.payload_hash = row.payload_hash,
  c.access_code_hash = row.access_code_hash, c.received_at = datetime(row.received_at),
  c.existing_reference = r.reference, c.existing_received_at = r.received_at,
  c.detected_at = datetime($detected_at), c.status = 'open'
MERGE (c)-[:CONFLICTS_WITH]->(r)
RETURN count(c) AS kept

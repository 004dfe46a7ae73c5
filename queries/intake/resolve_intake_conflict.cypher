// Close one open intake conflict with the analyst's reason; returns nothing when there is no
// conflict by that reference, and `was` = 'resolved' (unchanged) when it was closed before.
// params: reference, reason, actor, at
MATCH (c:IntakeConflict {reference: $reference})
WITH c, c.status AS was
CALL (c, was) {
  WITH c WHERE was = 'open'
  SET c.status = 'resolved', c.resolution = $reason, c.resolved_by = $actor,
      c.resolved_at = datetime($at)
}
RETURN was, c.reference AS reference, c.source AS source, c.source_ref AS source_ref,
       c.raw_payload AS raw_payload, toString(c.received_at) AS received_at,
       c.existing_reference AS existing_reference,
       toString(c.existing_received_at) AS existing_received_at,
       toString(c.detected_at) AS detected_at, c.status AS status,
       toString(c.resolved_at) AS resolved_at, c.resolved_by AS resolved_by,
       c.resolution AS resolution

// A page of intake conflicts in one status ('open' or 'resolved'), oldest found first (by
// detected_at, then reference), after the cursor ($after_at: toString(detected_at); both null
// for the first page), and how many there are in that status.
// params: status, after_at, after_reference, limit
CALL () {
  MATCH (c:IntakeConflict {status: $status})
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:IntakeConflict {status: $status})
  WHERE $after_at IS NULL
     OR c.detected_at > datetime($after_at)
     OR (c.detected_at = datetime($after_at) AND c.reference > $after_reference)
  WITH c ORDER BY c.detected_at, c.reference LIMIT $limit
  RETURN collect({
    reference: c.reference, source: c.source, source_ref: c.source_ref,
    raw_payload: c.raw_payload, received_at: toString(c.received_at),
    existing_reference: c.existing_reference,
    existing_received_at: toString(c.existing_received_at),
    detected_at: toString(c.detected_at), status: c.status,
    resolved_at: toString(c.resolved_at), resolved_by: c.resolved_by,
    resolution: c.resolution
  }) AS items
}
RETURN total, items

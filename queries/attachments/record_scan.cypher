// Record a scan of a file the hub holds (a rescan, or a sending that found it infected):
// its state, verdict, signature found, why it was not scanned, the scanner and when. A
// quarantined file stays quarantined; a file found clean is not held again because the
// scanner was away. Returns the references of the reports it came with (for the audit trail);
// none when nothing changed.
// params: sha256, scan, at
MATCH (f:EvidenceFile {sha256: $sha256})
WHERE coalesce(f.scan_state, '') <> 'quarantined'
  AND ($scan.state IN ['clean', 'quarantined'] OR coalesce(f.scan_state, '') <> 'clean')
SET f.scan_state = $scan.state, f.scan_verdict = $scan.verdict, f.scan_why = $scan.why,
    f.scan_signature = $scan.signature, f.scanner = $scan.scanner, f.scanned_at = $at,
    f.quarantined_at = CASE WHEN $scan.state = 'quarantined' THEN $at END
RETURN f.sha256 AS sha256,
       COLLECT { MATCH (f)-[:ATTACHED_TO]->(r:Report) RETURN DISTINCT r.reference ORDER BY r.reference } AS references

// Record evidence files sent for one report: each file once (by SHA-256, whoever sent it and
// for whichever report), each sending an ATTACHED_TO edge with its declared name and type (as
// typed, never trusted), who sent it and when. The rows are distinct files. Returns one row
// a file, in order; none when no report has the reference.
// params: reference, rows, at
MATCH (r:Report {reference: $reference})
UNWIND $rows AS row
OPTIONAL MATCH (held:EvidenceFile {sha256: row.sha256})
WITH r, row, held IS NULL AS new_file
MERGE (f:EvidenceFile {sha256: row.sha256})
  ON CREATE SET f.size = row.size, f.media_type = row.media_type, f.kind = row.kind,
                f.pdq = row.pdq, f.pdq_quality = row.pdq_quality, f.pdq_crops = row.pdq_crops,
                f.pdq_dihedral = row.pdq_dihedral,
                f.first_received_at = $at
CREATE (f)-[:ATTACHED_TO {index: row.index, declared_name: row.declared_name,
                          declared_type: row.declared_type, received_at: $at,
                          sender_role: row.sender_role, sender_id: row.sender_id}]->(r)
// Its virus scan (graph/attachments/scanning.py): a quarantined file keeps its state, and a
// file found clean is not held again because the scanner was away this time.
FOREACH (scan IN CASE WHEN row.scan IS NULL OR f.scan_state = 'quarantined'
                        OR (f.scan_state = 'clean' AND row.scan.state <> 'clean')
                      THEN [] ELSE [row.scan] END |
  SET f.scan_state = scan.state, f.scan_verdict = scan.verdict, f.scan_why = scan.why,
      f.scanner = scan.scanner, f.scanned_at = $at)
RETURN row.index AS index, f.sha256 AS sha256, f.media_type AS media_type, f.size AS size,
       f.pdq AS pdq, f.pdq_quality AS pdq_quality, new_file
ORDER BY index

// The virus-scan state of evidence files by SHA-256 (graph/attachments/scanning.py): a sending
// refuses a file the hub quarantined, a download or package withholds one not handed over.
// A file the hub does not hold returns no row; one recorded before scanning, a null state.
// params: sha256s
UNWIND $sha256s AS key
MATCH (f:EvidenceFile {sha256: key})
RETURN f.sha256 AS sha256, f.scan_state AS state, f.scan_signature AS signature,
       f.scanned_at AS scanned_at, f.scanner AS scanner

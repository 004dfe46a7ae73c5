// The time the last re-upload scan started: the next one looks at reports since then.
// params: until
MERGE (m:ReuploadScan {id: 'reuploads'})
WITH m, m.scanned_until AS previous
SET m.scanned_until = $until
RETURN previous

// Evidence files a rescan looks at, a page at a time by SHA-256: those held (or recorded
// before scanning: no state) to scan again, and those quarantined, whose bytes it makes sure
// are gone.
// params: after, page
MATCH (f:EvidenceFile)
WHERE f.sha256 > $after AND (f.scan_state IS NULL OR f.scan_state IN ['held', 'quarantined'])
RETURN f.sha256 AS sha256, f.scan_state AS state
ORDER BY f.sha256
LIMIT $page

// One evidence file by its SHA-256, for a hub download: its media type and size, and the
// references of the reports it was sent with (for the audit trail). Hub staff only.
// params: sha256, viewer_sees_all
MATCH (f:EvidenceFile {sha256: $sha256})
WHERE $viewer_sees_all
RETURN f.sha256 AS sha256, f.media_type AS media_type, f.size AS size,
       COLLECT { MATCH (f)-[:ATTACHED_TO]->(r:Report) RETURN DISTINCT r.reference ORDER BY r.reference } AS references

// Evidence files (graph/attachments/): one EvidenceFile per SHA-256, however often and by
// whomever sent; each sending an ATTACHED_TO edge to its report, found by time by the
// re-upload scan (files attached since its last run).
// params:
CREATE CONSTRAINT evidence_file_sha256 IF NOT EXISTS FOR (f:EvidenceFile) REQUIRE f.sha256 IS UNIQUE;
CREATE INDEX evidence_attached_at IF NOT EXISTS FOR ()-[a:ATTACHED_TO]-() ON (a.received_at);

// The evidence files of each report (DataLoader batch), metadata only: each file once a
// report, first sent first, with its declared name as first sent, who first sent it and
// when, how often it was sent, and its virus scan: its state (graph/attachments/scanning.py
// FileState; null for a file kept before scanning, held until rescanned), when it was last
// scanned and why it could not be. Hub staff only: a viewer who does not see all forces gets
// nothing, whichever field asks.
// params: ids, viewer_sees_all
UNWIND CASE WHEN $viewer_sees_all THEN $ids ELSE [] END AS rid
MATCH (r:Report {id: rid})
RETURN rid AS report_id, COLLECT {
  MATCH (f:EvidenceFile)-[a:ATTACHED_TO]->(r)
  WITH f, a ORDER BY a.received_at, a.index
  WITH f, collect(a) AS sent
  WITH f, sent, sent[0] AS first
  RETURN {sha256: f.sha256, size: f.size, media_type: f.media_type, kind: f.kind,
          pdq: f.pdq, pdq_quality: f.pdq_quality, declared_name: first.declared_name,
          declared_type: first.declared_type, received_at: first.received_at,
          sender_role: first.sender_role, sender_id: first.sender_id, times_sent: size(sent),
          scan_state: f.scan_state, scanned_at: f.scanned_at, scan_why: f.scan_why}
  ORDER BY first.received_at, first.index, f.sha256
} AS files

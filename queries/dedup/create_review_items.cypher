// Uncertain matches wait for an analyst instead of being merged.
// params: rows
UNWIND $rows AS row
MATCH (r:Report {id: row.report_id})
MERGE (q:ReviewItem {id: row.id})
  ON CREATE SET q.kind = 'content', q.status = 'pending', q.created_at = datetime(row.at),
                q.candidate_cluster_id = row.candidate_cluster_id, q.score = row.score,
                q.reason = row.reason, q.explanation = row.explanation,
                q.candidates = row.candidates
MERGE (q)-[:ABOUT_REPORT]->(r)

// Create or update content clusters' summaries, stamped with the writing transaction's version
// token (graph/dedup/summary_cache.py). Their cases are opened by cases/open_default_cases.
// params: rows, version
UNWIND $rows AS row
MERGE (c:ContentCluster {id: row.id})
  ON CREATE SET c.created_at = datetime()
SET c.anchor = row.anchor, c.platform = row.platform, c.post_key = row.post_key,
    c.handles = row.handles, c.texts = row.texts, c.first_at = datetime(row.first_at),
    c.last_at = datetime(row.last_at), c.victim_keys = row.victim_keys, c.report_count = row.report_count,
    c.other_post_keys = row.other_post_keys, c.version = $version

// Create or update content clusters' summaries, stamped with the writing transaction's version
// token (graph/dedup/summary_cache.py); a cluster in no case gets its default case (a cluster an
// analyst merged into another case stays there).
// params: rows, version
UNWIND $rows AS row
MERGE (c:ContentCluster {id: row.id})
  ON CREATE SET c.created_at = datetime()
SET c.anchor = row.anchor, c.platform = row.platform, c.post_key = row.post_key,
    c.handles = row.handles, c.texts = row.texts, c.first_at = datetime(row.first_at),
    c.last_at = datetime(row.last_at), c.victim_keys = row.victim_keys, c.report_count = row.report_count,
    c.other_post_keys = row.other_post_keys, c.version = $version
WITH c, row WHERE NOT EXISTS { (:Case)-[:CONCERNS]->(c) }
MERGE (k:Case {id: 'case:' + row.id})
  ON CREATE SET k.created_at = datetime(), k.status = 'open', k.reason = 'one case per content'
MERGE (k)-[:CONCERNS]->(c)

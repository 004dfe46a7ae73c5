// Content clusters with the open case each belongs to, and their summaries (join suggestions).
// params: ids
MATCH (k:Case {status: 'open'})-[:CONCERNS]->(c:ContentCluster) WHERE c.id IN $ids
RETURN c.id AS cluster_id, k.id AS case_id, c.id AS id, c.anchor AS anchor,
       c.platform AS platform, c.post_key AS post_key, c.handles AS handles, c.texts AS texts,
       toString(c.first_at) AS first_at, toString(c.last_at) AS last_at,
       c.victim_keys AS victim_keys, c.report_count AS report_count,
       c.other_post_keys AS other_post_keys

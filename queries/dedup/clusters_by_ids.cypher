// Content cluster summaries by id, for the matcher.
// params: ids
MATCH (c:ContentCluster) WHERE c.id IN $ids
RETURN c.id AS id, c.anchor AS anchor, c.platform AS platform, c.post_key AS post_key,
       c.handles AS handles, c.texts AS texts, toString(c.first_at) AS first_at,
       toString(c.last_at) AS last_at,
       c.victim_keys AS victim_keys, c.report_count AS report_count,
       c.other_post_keys AS other_post_keys

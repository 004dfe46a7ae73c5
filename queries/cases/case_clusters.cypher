// The matcher's summaries of the content clusters one case concerns (for join suggestions).
// params: case_id
MATCH (:Case {id: $case_id})-[:CONCERNS]->(c:ContentCluster)
RETURN c.id AS id, c.anchor AS anchor, c.platform AS platform, c.post_key AS post_key,
       c.handles AS handles, c.texts AS texts, toString(c.first_at) AS first_at,
       toString(c.last_at) AS last_at, c.victim_keys AS victim_keys, c.report_count AS report_count,
       c.other_post_keys AS other_post_keys

// Content clusters by id, with report and reporter counts and their case (DataLoader batch).
// A reporter is an identity, as in intel/most_reported_content: the resolved `person_id` of the
// per-report Person, or its id until the linker has run (a report with no reporter counts as
// its own).
// Hub staff only: a viewer who does not see all forces gets nothing, whichever field asks.
// params: ids, viewer_sees_all
MATCH (c:ContentCluster) WHERE $viewer_sees_all AND c.id IN $ids
OPTIONAL MATCH (k:Case)-[:CONCERNS]->(c)
CALL (c) {
  MATCH (r:Report {cluster_id: c.id})
  OPTIONAL MATCH (p:Person)-[:REPORTED]->(r)
  RETURN count(DISTINCT r) AS reports,
         count(DISTINCT coalesce(p.person_id, p.id, r.id)) AS reporters
}
RETURN c.id AS id, c.platform AS platform, c.post_key AS post_key,
       coalesce(c.other_post_keys, []) AS other_post_keys, c.first_at AS first_at,
       c.last_at AS last_at, reports AS report_count, reporters AS reporters_count,
       k.id AS case_id

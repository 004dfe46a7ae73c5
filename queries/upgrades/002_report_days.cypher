// Reports received a day by strand and by platform (schema/006_report_days.cypher), counted
// once from the reports of a graph written before intake kept them, in one transaction. Once
// any day is counted (intake keeps them from then on) it finds nothing to do at once.
// params:
OPTIONAL MATCH (counted:ReportDay)
WITH counted LIMIT 1
WITH counted WHERE counted IS NULL
CALL () {
  MATCH (r:Report)
  UNWIND CASE WHEN size(coalesce(r.strands, [])) = 0 THEN ['unknown'] ELSE r.strands END AS key
  WITH 'strand' AS dimension, key, date(datetime.fromepochmillis(r.received_at.epochMillis)) AS day,
       count(DISTINCT r) AS reports
  RETURN dimension, key, day, reports
  UNION ALL
  MATCH (r:Report)
  WITH r, COLLECT {
    MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown')
  } AS platforms
  UNWIND CASE WHEN size(platforms) = 0 THEN ['unknown'] ELSE platforms END AS key
  WITH 'platform' AS dimension, key, date(datetime.fromepochmillis(r.received_at.epochMillis)) AS day,
       count(DISTINCT r) AS reports
  RETURN dimension, key, day, reports
}
CREATE (:ReportDay {
  id: dimension + '|' + key + '|' + toString(day), dimension: dimension, key: key, day: day,
  reports: reports
})

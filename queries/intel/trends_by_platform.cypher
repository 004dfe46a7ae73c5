// Reports received in the window per ISO week (Monday, UTC) and platform of the content they
// are about; a report about content on several platforms counts once under each. The whole
// days from $whole_from up to $whole_to are added up from the counts intake keeps a day
// (schema/006_report_days.cypher), for hub staff only; the rest of the window
// (graph/intel/bounds.py Window.counted_days) is counted from the reports, as intake counts
// them. A force (not hub staff) would see only reports whose case it holds or was notified,
// every one counted from the reports.
// params: since, until, whole_from, whole_to, viewer_force, viewer_sees_all
CALL () {
  MATCH (d:ReportDay)
  WHERE d.day >= date($whole_from) AND d.day < date($whole_to) AND d.dimension = 'platform'
    AND $viewer_sees_all
  RETURN d.day AS day, d.key AS key, d.reports AS reports
  UNION ALL
  UNWIND [[$since, $whole_from], [$whole_to, $until]] AS span
  MATCH (r:Report)
  WHERE r.received_at >= span[0] AND r.received_at < span[1]
    AND ($viewer_sees_all OR EXISTS {
      MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
    })
  WITH r, COLLECT {
    MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown')
  } AS platforms
  UNWIND CASE WHEN size(platforms) = 0 THEN ['unknown'] ELSE platforms END AS key
  WITH date(datetime.fromepochmillis(r.received_at.epochMillis)) AS day, key,
       count(DISTINCT r) AS reports
  RETURN day, key, reports
}
WITH date.truncate('week', day) AS week, key, sum(reports) AS reports
RETURN week, key, reports
ORDER BY week, key

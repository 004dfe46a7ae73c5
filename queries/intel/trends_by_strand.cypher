// Reports per ISO week (Monday, UTC) and hate strand, and distinct posts (content clusters, an
// unclustered report counting as its own: a viral post is one however many report it) for the
// same weeks; a report with several strands counts once under each.
// The window is read against the time $basis names (graph/intel/bounds.py TimeBasis: when
// the person reported it, by default; when the incident happened; when the hub received it).
// Reports: the whole days from $whole_from up to $whole_to are added up from the counts intake
// keeps a day and basis (schema/006_report_days.cypher), the whole weeks among them ($weeks_from
// up to $weeks_to) from the same counts kept a week (schema/035_report_weeks.cypher), for hub
// staff only; the rest of the
// window ($spans: graph/intel/bounds.py Window.edge_spans) is counted from the reports, as
// intake counts them. Posts are distinct within a week, so they are counted from the reports
// of $post_spans (the whole window, or nothing when they are not asked for). A force (not hub
// staff) would see only reports whose case it holds or was notified, every one counted from
// the reports.
// params: basis, spans, post_spans, whole_from, whole_to, weeks_from, weeks_to, viewer_force, viewer_sees_all
CALL () {
  CALL () {
    MATCH (w:ReportWeek)
    WHERE w.basis = $basis AND w.dimension = 'strand' AND w.week >= date($weeks_from)
      AND w.week < date($weeks_to) AND $viewer_sees_all AND w.reports <> 0
    RETURN w.week AS day, w.key AS key, w.reports AS reports
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'strand' AND d.day >= date($whole_from)
      AND d.day < date($weeks_from) AND $viewer_sees_all AND d.reports <> 0
    RETURN d.day AS day, d.key AS key, d.reports AS reports
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'strand' AND d.day >= date($weeks_to)
      AND d.day < date($whole_to) AND $viewer_sees_all AND d.reports <> 0
    RETURN d.day AS day, d.key AS key, d.reports AS reports
    UNION ALL
    CALL () {
      UNWIND $spans.reported AS span
      MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
      RETURN r, r.reported_at AS at
      UNION ALL
      UNWIND $spans.incident AS span
      MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
      RETURN r, r.incident_at AS at
      UNION ALL
      UNWIND $spans.received AS span
      MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
      RETURN r, r.received_at AS at
    }
    WITH r, at WHERE $viewer_sees_all OR EXISTS {
      MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
    }
    UNWIND CASE WHEN size(coalesce(r.strands, [])) = 0 THEN ['unknown'] ELSE r.strands END AS key
    WITH date(datetime.fromepochmillis(at.epochMillis)) AS day, key, count(DISTINCT r) AS reports
    RETURN day, key, reports
  }
  RETURN date.truncate('week', day) AS week, key, reports, 0 AS posts
  UNION ALL
  CALL () {
    UNWIND $post_spans.reported AS span
    MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
    RETURN r, r.reported_at AS at
    UNION ALL
    UNWIND $post_spans.incident AS span
    MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
    RETURN r, r.incident_at AS at
    UNION ALL
    UNWIND $post_spans.received AS span
    MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
    RETURN r, r.received_at AS at
  }
  WITH r, at WHERE $viewer_sees_all OR EXISTS {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
  }
  UNWIND CASE WHEN size(coalesce(r.strands, [])) = 0 THEN ['unknown'] ELSE r.strands END AS key
  WITH date.truncate('week', date(datetime.fromepochmillis(at.epochMillis))) AS week, key,
       count(DISTINCT coalesce(r.cluster_id, r.id)) AS posts
  RETURN week, key, 0 AS reports, posts
}
WITH week, key, sum(reports) AS reports, sum(posts) AS posts
RETURN week, key, reports, posts
ORDER BY week, key

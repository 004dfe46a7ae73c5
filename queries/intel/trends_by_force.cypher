// Reports per ISO week (Monday, UTC) and force, and distinct posts (content clusters, an
// unclustered report counting as its own: a viral post is one however many report it) for
// the same weeks: the force the report's case is assigned to, else the force the reporter
// chose, else 'unassigned'. The window is read against the time $basis names
// (graph/intel/bounds.py TimeBasis: when the person reported it, by default; when the incident
// happened; when the hub received it).
// Reports: the whole weeks from $weeks_from up to $weeks_to are added up from the counts kept a
// week (schema/035_report_weeks.cypher), the other whole days from $whole_from up to $whole_to
// from those kept a day (schema/006_report_days.cypher), for hub staff only: intake, merges,
// splits and reassignments move them in the transaction that moves a report's force
// (dedup/assign_reports, cases/apply_case_change, cases/record_assignment). The rest of the
// window ($spans: graph/intel/bounds.py Window.edge_spans) is counted from the reports. Posts
// are distinct within a week, so they are counted from the reports of $post_spans (the whole
// window, or nothing when they are not asked for). A force (not hub staff) would see only
// reports whose case it holds or was notified, every one counted from the reports.
// params: basis, spans, post_spans, whole_from, whole_to, weeks_from, weeks_to, viewer_force, viewer_sees_all
CALL () {
  CALL () {
    MATCH (w:ReportWeek)
    WHERE w.basis = $basis AND w.dimension = 'force' AND w.week >= date($weeks_from)
      AND w.week < date($weeks_to) AND $viewer_sees_all AND w.reports <> 0
    RETURN w.week AS day, w.key AS key, w.reports AS reports
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'force' AND d.day >= date($whole_from)
      AND d.day < date($weeks_from) AND $viewer_sees_all AND d.reports <> 0
    RETURN d.day AS day, d.key AS key, d.reports AS reports
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'force' AND d.day >= date($weeks_to)
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
    WITH r, at, COLLECT {
      MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
      RETURN f.code ORDER BY f.code LIMIT 1
    } AS assigned
    WITH date(datetime.fromepochmillis(at.epochMillis)) AS day,
         coalesce(assigned[0], r.chosen_force_code, 'unassigned') AS key, count(DISTINCT r) AS reports
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
  WITH r, at, COLLECT {
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
    RETURN f.code ORDER BY f.code LIMIT 1
  } AS assigned
  WITH date.truncate('week', date(datetime.fromepochmillis(at.epochMillis))) AS week,
       coalesce(assigned[0], r.chosen_force_code, 'unassigned') AS key,
       count(DISTINCT coalesce(r.cluster_id, r.id)) AS posts
  RETURN week, key, 0 AS reports, posts
}
WITH week, key, sum(reports) AS reports, sum(posts) AS posts
RETURN week, key, reports, posts
ORDER BY week, key

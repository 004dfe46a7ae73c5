// Accounts named as the suspect in the most reports (or the most distinct content) of the
// window, optionally on one platform, for hub staff, from the counts kept a day and a week by
// account (dimension 'account', schema/035_report_weeks.cypher): the whole weeks from
// $weeks_from up to $weeks_to, the other whole days from $whole_from up to $whole_to, and the
// partial days at the edges ($spans: graph/intel/bounds.py Window.edge_spans) from the reports,
// as intel/prolific_accounts counts them (the same answer, the same order). Each count keeps
// its reports' contents (the cluster, or the report when it has none), one entry a report, so
// distinct content is counted across days exactly. Ranked by reports, only accounts with at
// least as many reports as the last of the page ($skip + $limit) have their contents counted:
// none below could enter the page. By content, every account's are.
// params: basis, spans, whole_from, whole_to, weeks_from, weeks_to, platform, by_content, skip, limit
CALL () {
  MATCH (w:ReportWeek)
  WHERE w.basis = $basis AND w.dimension = 'account' AND w.week >= date($weeks_from)
    AND w.week < date($weeks_to) AND w.reports <> 0 AND ($platform IS NULL OR w.platform = $platform)
  RETURN w.key AS key, w.reports AS reports, w.contents AS contents
  UNION ALL
  MATCH (d:ReportDay)
  WHERE d.basis = $basis AND d.dimension = 'account' AND d.day >= date($whole_from)
    AND d.day < date($weeks_from) AND d.reports <> 0 AND ($platform IS NULL OR d.platform = $platform)
  RETURN d.key AS key, d.reports AS reports, d.contents AS contents
  UNION ALL
  MATCH (d:ReportDay)
  WHERE d.basis = $basis AND d.dimension = 'account' AND d.day >= date($weeks_to)
    AND d.day < date($whole_to) AND d.reports <> 0 AND ($platform IS NULL OR d.platform = $platform)
  RETURN d.key AS key, d.reports AS reports, d.contents AS contents
  UNION ALL
  CALL () {
    UNWIND $spans.reported AS span
    MATCH (r:Report) WHERE r.reported_at >= span[0] AND r.reported_at < span[1]
    RETURN r
    UNION ALL
    UNWIND $spans.incident AS span
    MATCH (r:Report) WHERE r.incident_at >= span[0] AND r.incident_at < span[1]
    RETURN r
    UNION ALL
    UNWIND $spans.received AS span
    MATCH (r:Report) WHERE r.received_at >= span[0] AND r.received_at < span[1]
    RETURN r
  }
  MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
  WHERE $platform IS NULL OR a.platform = $platform
  WITH DISTINCT r, a
  RETURN a.key AS key, count(r) AS reports, collect(coalesce(r.cluster_id, r.id)) AS contents
}
WITH key, sum(reports) AS reports, collect(contents) AS lists
ORDER BY reports DESC
WITH collect({key: key, reports: reports, lists: lists}) AS ranked
UNWIND ranked AS row
WITH row WHERE $by_content OR row.reports >= coalesce(ranked[$skip + $limit - 1].reports, 0)
WITH row.key AS key, row.reports AS reports, size(COLLECT {
  UNWIND row.lists AS list UNWIND list AS content RETURN DISTINCT content
}) AS contents
// Grouped before the page is sorted: a grouping makes rows of its own columns, so the sort no
// longer keeps `ranked` (every account of the window, with its contents) in each row it holds,
// which Neo4j counts at the list's size a row: the page of a 365-day window on the 1M bench
// graph was refused (more than the 2.8 GiB a transaction may use) until then.
WITH key, reports, contents, count(*) AS once
MATCH (a:Account {key: key})
RETURN a.key AS key, a.platform AS platform, a.handle AS handle,
       coalesce(a.person_id, 'person:' + a.key) AS person_id, reports, contents
ORDER BY CASE WHEN $by_content THEN contents ELSE reports END DESC,
         CASE WHEN $by_content THEN reports ELSE contents END DESC, key
SKIP $skip LIMIT $limit

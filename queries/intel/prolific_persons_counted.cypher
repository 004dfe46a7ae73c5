// Persons behind accounts (`Account.person_id`, or the account alone) named as the suspect in
// the most reports (or the most distinct content) of the window, across platforms, for hub
// staff: the counts kept a day and a week by account (dimension 'account',
// schema/035_report_weeks.cypher) are grouped by each account's person as it is now, so the
// identity linker moves nothing. Whole weeks from $weeks_from up to $weeks_to, other whole
// days from $whole_from up to $whole_to, partial days at the edges ($spans:
// graph/intel/bounds.py Window.edge_spans) from the reports, as intel/prolific_persons counts
// them (the same answer, the same order). A report naming two accounts of one person counts
// once: the reports naming two accounts or more are kept a day and a week (SuspectsDay,
// SuspectsWeek, schema/037_person_counts.cypher) and each counted once too many is taken off.
// Distinct content is exact (the union of the accounts' content lists), counted only for
// persons that could reach the page: by reports, those with as many reports as its last row;
// by content, those with at least as many reports as the fewest content among the first page
// by reports (content never exceeds reports). Accounts shown: the first $accounts_shown keys.
// params: basis, spans, whole_from, whole_to, weeks_from, weeks_to, by_content, skip, limit, accounts_shown
CALL () {
  CALL () {
    MATCH (w:ReportWeek)
    WHERE w.basis = $basis AND w.dimension = 'account' AND w.week >= date($weeks_from)
      AND w.week < date($weeks_to) AND w.reports <> 0
    RETURN w.key AS key, w.reports AS reports, w.contents AS contents
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'account' AND d.day >= date($whole_from)
      AND d.day < date($weeks_from) AND d.reports <> 0
    RETURN d.key AS key, d.reports AS reports, d.contents AS contents
    UNION ALL
    MATCH (d:ReportDay)
    WHERE d.basis = $basis AND d.dimension = 'account' AND d.day >= date($weeks_to)
      AND d.day < date($whole_to) AND d.reports <> 0
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
    WITH DISTINCT r, a
    RETURN a.key AS key, count(r) AS reports, collect(coalesce(r.cluster_id, r.id)) AS contents
  }
  WITH key, sum(reports) AS reports, collect(contents) AS lists
  MATCH (a:Account {key: key})
  RETURN coalesce(a.person_id, 'person:' + a.key) AS person_id, key, a.platform AS platform,
         reports, lists
  UNION ALL
  CALL () {
    MATCH (w:SuspectsWeek)
    WHERE w.basis = $basis AND w.week >= date($weeks_from) AND w.week < date($weeks_to)
    RETURN w.reports AS reports, w.accounts AS accounts
    UNION ALL
    MATCH (d:SuspectsDay)
    WHERE d.basis = $basis AND d.day >= date($whole_from) AND d.day < date($weeks_from)
    RETURN d.reports AS reports, d.accounts AS accounts
    UNION ALL
    MATCH (d:SuspectsDay)
    WHERE d.basis = $basis AND d.day >= date($weeks_to) AND d.day < date($whole_to)
    RETURN d.reports AS reports, d.accounts AS accounts
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
    WITH r, COLLECT { MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN DISTINCT a.key } AS keys
    WHERE size(keys) >= 2
    RETURN [k IN keys | r.id] AS reports, keys AS accounts
  }
  UNWIND range(0, size(reports) - 1) AS i
  WITH reports[i] AS report, accounts[i] AS key
  MATCH (a:Account {key: key})
  WITH report, coalesce(a.person_id, 'person:' + a.key) AS person_id, count(*) AS n
  WHERE n > 1
  RETURN person_id, null AS key, null AS platform, 1 - n AS reports, [] AS lists
}
WITH person_id, sum(reports) AS reports, collect(key) AS keys,
     collect(DISTINCT platform) AS platforms, reduce(acc = [], l IN collect(lists) | acc + l) AS lists
ORDER BY reports DESC
WITH collect({person_id: person_id, reports: reports, keys: keys, platforms: platforms,
              lists: lists}) AS ranked
CALL (ranked) {
  UNWIND ranked[..$skip + $limit] AS row
  WITH size(COLLECT { UNWIND row.lists AS list UNWIND list AS content RETURN DISTINCT content })
       AS contents
  RETURN min(contents) AS least
}
WITH ranked, CASE WHEN size(ranked) < $skip + $limit THEN 0 ELSE least END AS floor,
     coalesce(ranked[$skip + $limit - 1].reports, 0) AS last
UNWIND ranked AS row
WITH row WHERE row.reports >= CASE WHEN $by_content THEN floor ELSE last END
WITH row.person_id AS person_id, row.reports AS reports, row.keys AS keys,
     row.platforms AS platforms,
     size(COLLECT { UNWIND row.lists AS list UNWIND list AS content RETURN DISTINCT content })
       AS contents
// Grouped before the page is sorted, as in intel/prolific_accounts_counted: the sort would
// otherwise keep `ranked` in each row it holds, counted at its size a row.
WITH person_id, reports, keys, platforms, contents, count(*) AS once
RETURN person_id, reports, contents, size(keys) AS account_count,
       COLLECT { UNWIND keys AS key RETURN key ORDER BY key LIMIT $accounts_shown } AS accounts,
       platforms
ORDER BY CASE WHEN $by_content THEN contents ELSE reports END DESC,
         CASE WHEN $by_content THEN reports ELSE contents END DESC, person_id
SKIP $skip LIMIT $limit

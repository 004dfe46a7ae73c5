// Which accounts were reported as targeting which victims in a window, for campaign detection
// by hub staff, from the counts kept for victim identities (schema/037_person_counts.cypher):
// only the links campaigns use, to victims targeted by two accounts or more in the window
// (graph/intel/campaigns.py counts no other), with the reports of each, as
// intel/co_targeting counts them. Counts are kept only for identities named in two reports or
// more or targeted by two accounts or more: their whole weeks from $weeks_from up to $weeks_to
// and other whole days from $whole_from up to $whole_to (each keeping one account entry a
// report and account named), and the partial days at the window's edges ($spans: graph/intel/bounds.py Window.edge_spans)
// from the reports. One record of three lists, as intel/co_targeting returns.
// params: basis, spans, whole_from, whole_to, weeks_from, weeks_to, limit
CALL () {
  CALL () {
    MATCH (w:VictimWeek)
    WHERE w.basis = $basis AND w.week >= date($weeks_from) AND w.week < date($weeks_to)
    RETURN w.identity AS victim, w.accounts AS accounts
    UNION ALL
    MATCH (d:VictimDay)
    WHERE d.basis = $basis AND d.day >= date($whole_from) AND d.day < date($weeks_from)
    RETURN d.identity AS victim, d.accounts AS accounts
    UNION ALL
    MATCH (d:VictimDay)
    WHERE d.basis = $basis AND d.day >= date($weeks_to) AND d.day < date($whole_to)
    RETURN d.identity AS victim, d.accounts AS accounts
  }
  UNWIND accounts AS account
  RETURN account, victim, count(*) AS reports
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
  MATCH (v:Person)-[:VICTIM_IN]->(r)
  WITH DISTINCT a.key AS account, coalesce(v.person_id, v.id) AS victim, r
  RETURN account, victim, count(r) AS reports
}
WITH account, victim, sum(reports) AS reports
ORDER BY victim, account
WITH victim, collect([account, reports]) AS links
WHERE size(links) >= 2
UNWIND links AS link
WITH link[0] AS account, victim, link[1] AS reports
LIMIT $limit
RETURN collect(account) AS accounts, collect(victim) AS victims, collect(reports) AS reports

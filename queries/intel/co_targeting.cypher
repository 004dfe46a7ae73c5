// Which accounts were reported as targeting which victims in a window (for campaign detection).
// A victim is an identity: the resolved `person_id` of the per-report Person, or its id until
// the linker has run. A force (not hub staff) would see only reports whose case it holds or was
// notified. One record of three lists (account, victim, reports: the i-th of each is one pair),
// and only what campaign detection uses: a window of 10,000 reports gives about 7,000 pairs,
// and the driver's cost is per record and per DateTime (about 14 and 35 us), which as a record
// a pair with its first and last times took 650 ms where this takes 40.
// The window is read against the time $spans names (graph/intel/bounds.py TimeBasis: when the
// person reported it, by default; when the incident happened; when the hub received it).
// params: spans, limit, viewer_force, viewer_sees_all
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
MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
MATCH (v:Person)-[:VICTIM_IN]->(r)
WITH a.key AS account, coalesce(v.person_id, v.id) AS victim, r
WITH account, victim, count(DISTINCT r) AS reports
LIMIT $limit
RETURN collect(account) AS accounts, collect(victim) AS victims, collect(reports) AS reports

// The reports a day by strand and by platform (schema/006_report_days.cypher), kept a time
// basis since reports keep three times (schema/023_report_times.cypher): for each of when the
// person reported it, when the incident happened (reports with an incident date only) and when
// the hub received it, counted from every report once, as ingest/report_days.py counts them.
// Runs after 003_report_times (every report has its times); it leaves a marker, and with the
// marker there it finds nothing to do. The counts are made afresh (those kept without a basis
// go, and any kept by an intake that ran before this upgrade are replaced), in one transaction
// that holds the lock intake creates reports under (dedup/lock_linker), so no report is created
// while they are counted and none is counted twice.
// params:
OPTIONAL MATCH (done:DataUpgrade {id: '004_report_days_by_basis'})
WITH done WHERE done IS NULL
MERGE (lock:LinkerLock {id: 'content'})
SET lock.at = datetime(), lock.seq = coalesce(lock.seq, 0) + 1
WITH lock
CALL () {
  MATCH (old:ReportDay)
  DELETE old
}
CALL () {
  MATCH (r:Report)
  WITH r, COLLECT {
    MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown')
  } AS platforms
  WITH r,
       [['strand', CASE WHEN size(coalesce(r.strands, [])) = 0 THEN ['unknown']
                        ELSE r.strands END],
        ['platform', CASE WHEN size(platforms) = 0 THEN ['unknown'] ELSE platforms END]] AS keyed,
       [t IN [['reported', r.reported_at], ['incident', r.incident_at],
              ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS times
  UNWIND keyed AS dimension_keys
  UNWIND dimension_keys[1] AS key
  UNWIND times AS t
  WITH t[0] AS basis, dimension_keys[0] AS dimension, key,
       date(datetime.fromepochmillis(t[1].epochMillis)) AS day, count(DISTINCT r) AS reports
  CREATE (:ReportDay {
    id: basis + '|' + dimension + '|' + key + '|' + toString(day), basis: basis,
    dimension: dimension, key: key, day: day, reports: reports
  })
}
CREATE (:DataUpgrade {id: '004_report_days_by_basis', at: datetime()})

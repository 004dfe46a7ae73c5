// Reports received a day by strand and by platform (schema/006_report_days.cypher), counted
// from every report once, for a graph written before intake kept them; it leaves a marker, and
// with the marker there it finds nothing to do. The counts are made afresh (any kept by an
// intake that ran before this upgrade are replaced), in one transaction that holds the lock
// intake creates reports under (dedup/lock_linker), so no report is created while they are
// counted and none is counted twice.
// params:
OPTIONAL MATCH (done:DataUpgrade {id: '002_report_days'})
WITH done WHERE done IS NULL
MERGE (lock:LinkerLock {id: 'content'})
SET lock.at = datetime(), lock.seq = coalesce(lock.seq, 0) + 1
WITH lock
CALL () {
  MATCH (old:ReportDay)
  DELETE old
}
CALL () {
  CALL () {
    MATCH (r:Report)
    UNWIND CASE WHEN size(coalesce(r.strands, [])) = 0 THEN ['unknown'] ELSE r.strands END AS key
    WITH 'strand' AS dimension, key,
         date(datetime.fromepochmillis(r.received_at.epochMillis)) AS day, count(DISTINCT r) AS reports
    RETURN dimension, key, day, reports
    UNION ALL
    MATCH (r:Report)
    WITH r, COLLECT {
      MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT coalesce(c.platform, 'unknown')
    } AS platforms
    UNWIND CASE WHEN size(platforms) = 0 THEN ['unknown'] ELSE platforms END AS key
    WITH 'platform' AS dimension, key,
         date(datetime.fromepochmillis(r.received_at.epochMillis)) AS day, count(DISTINCT r) AS reports
    RETURN dimension, key, day, reports
  }
  CREATE (:ReportDay {
    id: dimension + '|' + key + '|' + toString(day), dimension: dimension, key: key, day: day,
    reports: reports
  })
}
CREATE (:DataUpgrade {id: '002_report_days', at: datetime()})

// Record which content cluster each report belongs to, and move what follows from it in the
// same transaction (schema/035_report_weeks.cypher; docs/STATISTICS.md, "The day and week
// counts kept for windowed questions"), in id order, as every writer locks them:
// - its force in trends is its cluster's case's assigned force (else the force its reporter
//   chose, else 'unassigned'): its reports a day and a week by force go from the force it had
//   to the one it has now;
// - each account it names as the suspect counts it a day and a week, with its content (the
//   cluster, one entry a report): its old cluster's entry becomes its new one.
// A report given its first cluster is counted for the first time (intake); one an old graph
// held without a cluster was counted (under its chosen force, as its own content) by
// upgrades/005_report_weeks (`counted_unlinked`) and moves from there.
// params: rows
UNWIND $rows AS row
MATCH (r:Report {id: row.report_id})
WITH r, r.cluster_id AS was, row.cluster_id AS now, coalesce(r.counted_unlinked, false) AS counted
SET r.cluster_id = now
REMOVE r.counted_unlinked
WITH r, was, now, counted WHERE was IS NULL OR was <> now
WITH collect({r: r, was: was, now: now, counted: counted}) AS moved
CALL (moved) {
  UNWIND moved AS m
  UNWIND [n IN [1, -1] WHERE n = 1 OR m.was IS NOT NULL OR m.counted] AS n
  WITH m.r AS r, n, CASE n WHEN 1 THEN m.now ELSE m.was END AS cid
  WITH r, n, coalesce(COLLECT {
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
    RETURN f.code ORDER BY f.code LIMIT 1
  }[0], r.chosen_force_code, 'unassigned') AS key
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, key, date(datetime.fromepochmillis(t[1].epochMillis)) AS day, sum(n) AS n
  WITH basis, key, day, n WHERE n <> 0
  ORDER BY basis, key, day
  CALL (basis, key, day, n) {
    MERGE (d:ReportDay {id: basis + '|force|' + key + '|' + toString(day)})
      ON CREATE SET d.basis = basis, d.dimension = 'force', d.key = key, d.day = day,
                    d.reports = 0
    SET d.reports = d.reports + n
  }
  WITH basis, key, date.truncate('week', day) AS week, sum(n) AS n
  ORDER BY basis, key, week
  MERGE (w:ReportWeek {id: basis + '|force|' + key + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.dimension = 'force', w.key = key, w.week = week,
                  w.reports = 0
  SET w.reports = w.reports + n
}
CALL (moved) {
  UNWIND moved AS m
  WITH m.r AS r, m.now AS now,
       CASE WHEN m.was IS NOT NULL THEN m.was WHEN m.counted THEN m.r.id END AS old
  MATCH (r)-[:NAMES_SUSPECT]->(a:Account)
  WITH DISTINCT r, now, old, a
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, a, date(datetime.fromepochmillis(t[1].epochMillis)) AS day,
       sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS n, collect(now) AS added,
       collect(old) AS removed
  ORDER BY basis, a.key, day
  CALL (basis, a, day, n, added, removed) {
    MERGE (d:ReportDay {id: basis + '|account|' + a.key + '|' + toString(day)})
      ON CREATE SET d.basis = basis, d.dimension = 'account', d.key = a.key,
                    d.platform = a.platform, d.day = day, d.reports = 0, d.contents = []
    SET d.reports = d.reports + n,
        d.contents = reduce(l = d.contents, x IN removed |
          CASE WHEN x IN l
            THEN l[..head([i IN range(0, size(l) - 1) WHERE l[i] = x])]
                 + l[head([i IN range(0, size(l) - 1) WHERE l[i] = x]) + 1..]
            ELSE l END) + added
  }
  WITH basis, a, date.truncate('week', day) AS week, sum(n) AS n,
       reduce(acc = [], l IN collect(added) | acc + l) AS added,
       reduce(acc = [], l IN collect(removed) | acc + l) AS removed
  ORDER BY basis, a.key, week
  MERGE (w:ReportWeek {id: basis + '|account|' + a.key + '|' + toString(week)})
    ON CREATE SET w.basis = basis, w.dimension = 'account', w.key = a.key,
                  w.platform = a.platform, w.week = week, w.reports = 0, w.contents = []
  SET w.reports = w.reports + n,
      w.contents = reduce(l = w.contents, x IN removed |
        CASE WHEN x IN l
          THEN l[..head([i IN range(0, size(l) - 1) WHERE l[i] = x])]
               + l[head([i IN range(0, size(l) - 1) WHERE l[i] = x]) + 1..]
          ELSE l END) + added
}

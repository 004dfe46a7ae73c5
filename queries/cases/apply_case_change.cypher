// Write one merge or split: move the content items, close, reopen or create cases, and record
// the change as history on every case it touches. Nothing is deleted but the moved edges.
// A moved cluster's reports take the force of the case they are now in (its assigned force,
// else their chosen force, else 'unassigned'): their reports a day and a week by force
// (schema/035_report_weeks.cypher) move with them, in this transaction, in id order.
// params: change, moves, closed, reopened, created, cases
CALL () {
  WITH $created AS created WHERE created IS NOT NULL
  CREATE (:Case {id: created, status: 'open', created_at: datetime($change.at),
                 reason: $change.reason})
}
CALL () {
  UNWIND $moves AS move
  MATCH (c:ContentCluster {id: move.content_id})
  RETURN collect([c, COLLECT {
    MATCH (c)<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force) RETURN f.code ORDER BY f.code LIMIT 1
  }[0]]) AS before
}
CALL () {
  UNWIND $moves AS move
  MATCH (c:ContentCluster {id: move.content_id})
  MATCH (to:Case {id: move.case_id})
  OPTIONAL MATCH (:Case)-[old:CONCERNS]->(c)
  DELETE old
  CREATE (to)-[:CONCERNS]->(c)
}
CALL (before) {
  UNWIND before AS moved
  WITH moved[0] AS c, moved[1] AS was
  WITH c, was, COLLECT {
    MATCH (c)<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force) RETURN f.code ORDER BY f.code LIMIT 1
  }[0] AS now
  WHERE (was IS NULL) <> (now IS NULL) OR was <> now
  MATCH (r:Report {cluster_id: c.id})
  UNWIND [[-1, was], [1, now]] AS move
  UNWIND [t IN [['reported', r.reported_at], ['incident', r.incident_at],
                ['received', r.received_at]] WHERE t[1] IS NOT NULL] AS t
  WITH t[0] AS basis, coalesce(move[1], r.chosen_force_code, 'unassigned') AS key,
       date(datetime.fromepochmillis(t[1].epochMillis)) AS day, sum(move[0]) AS n
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
CALL () {
  UNWIND $closed AS closed_id
  MATCH (k:Case {id: closed_id})
  SET k.status = 'merged', k.merged_into = $change.case_id
}
CALL () {
  UNWIND $reopened AS reopened_id
  MATCH (k:Case {id: reopened_id})
  SET k.status = 'open', k.merged_into = null
}
CREATE (ch:CaseChange {
  id: $change.id, kind: $change.kind, case_id: $change.case_id, actor: $change.actor,
  at: datetime($change.at), reason: $change.reason,
  moved_contents: [m IN $moves | m.content_id], moved_to: [m IN $moves | m.case_id],
  closed: $closed, reopened: $reopened, created: $created
})
WITH ch
UNWIND $cases AS case_id
MATCH (k:Case {id: case_id})
CREATE (k)-[:CHANGED_BY]->(ch)
RETURN count(*) AS written

// Assign (or reassign) a case to a lead force, with notified forces; history is kept.
// The reports of the case's clusters take the lead force in trends (the force assigned to
// their cluster's case, by code when several): their reports a day and a week by force
// (schema/035_report_weeks.cypher) move from the force they had, in this transaction.
// params: case_id, id, lead, notified, rule, reasons, reason, by, at
MATCH (k:Case {id: $case_id})
CALL (k) {
  MATCH (k)-[:CONCERNS]->(c:ContentCluster)
  RETURN collect([c, COLLECT {
    MATCH (c)<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force) RETURN f.code ORDER BY f.code LIMIT 1
  }[0]]) AS before
}
OPTIONAL MATCH (k)-[old:ASSIGNED_TO]->(prev:Force)
WITH k, before, old, prev
CREATE (h:Assignment {
  id: $id, from_force: prev.code, to_force: $lead, rule: $rule, reasons: $reasons,
  reason: $reason, assigned_by: $by, assigned_at: $at
})
CREATE (k)-[:ASSIGNMENT_HISTORY]->(h)
DELETE old
WITH k, before
OPTIONAL MATCH (k)-[n:NOTIFIED]->(:Force)
DELETE n
WITH DISTINCT k, before
OPTIONAL MATCH (lead:Force {code: $lead})
FOREACH (_ IN CASE WHEN lead IS NULL THEN [] ELSE [1] END |
  CREATE (k)-[:ASSIGNED_TO {rule: $rule, at: $at, by: $by}]->(lead))
WITH k, before
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
WITH k
UNWIND (CASE WHEN size($notified) = 0 THEN [null] ELSE $notified END) AS note
OPTIONAL MATCH (f:Force {code: note.force_code})
FOREACH (_ IN CASE WHEN f IS NULL THEN [] ELSE [1] END |
  CREATE (k)-[:NOTIFIED {role: note.role, reason: note.reason, at: $at}]->(f))
RETURN count(*) AS written

// What the assessment and assignment rules need from the graph about one case. Times are
// aggregated here: a viral case has thousands of reports, and returning each report's times
// cost more than the rest of the query (the driver builds a DateTime per value), and strands are
// gathered from each distinct set of strands, not from each report (a reduce over 4,672 reports
// took half of the query). Lists are in the order the reports were received: the rules take the
// first report's choice of force and its reporter's postcode, so "first" is the first received,
// not the first stored. `victim_reported_hostility`: a victim reported it and ticked a monitored
// strand (their own perception of hostility). `recording_decided_at`: the first recorded
// decision (cases/record_decision), which meets the crime-recording deadline.
// `first_occurred`: the earliest incident time, a report without one counting at its receipt
// (as cases/content_incidents), so it is never after `first_received`: the first report
// received may give no incident date while a later one does.
// params: case_id
MATCH (k:Case {id: $case_id})
OPTIONAL MATCH (k)-[:CONCERNS]->(c:ContentCluster)
OPTIONAL MATCH (r:Report {cluster_id: c.id})
WITH k, collect(DISTINCT r) AS reports
CALL (reports) {
  UNWIND reports AS r
  WITH r ORDER BY r.received_at, r.id
  OPTIONAL MATCH (v:Person)-[:VICTIM_IN]->(r)
  OPTIONAL MATCH (p:Person)-[reported:REPORTED]->(r)
  RETURN collect(DISTINCT v.postcode) AS victim_postcodes,
         collect(DISTINCT p.postcode) AS reporter_postcodes,
         collect(DISTINCT r.chosen_force_code) AS chosen_forces,
         min(r.received_at) AS first_received,
         min(coalesce(r.occurred_at, r.received_at)) AS first_occurred,
         collect(DISTINCT r.strands) AS strand_sets, collect(DISTINCT r.online) AS online_values,
         true IN collect(DISTINCT reported.role = 'victim'
                         AND any(s IN coalesce(r.strands, []) WHERE s <> 'other'))
           AS victim_reported_hostility
}
OPTIONAL MATCH (k)-[:HAS_FACTS]->(f:CaseFacts)
WITH k, strand_sets, online_values, victim_postcodes, reporter_postcodes, chosen_forces,
     first_received, first_occurred, victim_reported_hostility, f
ORDER BY f.recorded_at DESC
WITH k, strand_sets, online_values, victim_postcodes, reporter_postcodes, chosen_forces,
     first_received, first_occurred, victim_reported_hostility, collect(f)[0] AS facts
RETURN k.id AS id, k.status AS status,
       first_received, first_occurred,
       reduce(s = [], set IN strand_sets | s + [x IN set WHERE NOT x IN s]) AS strands,
       true IN online_values AS online,
       victim_postcodes, reporter_postcodes, chosen_forces, victim_reported_hostility,
       k.recording_decided_at AS recording_decided_at,
       facts.facts AS analyst_facts, facts.recorded_by AS facts_by, facts.recorded_at AS facts_at

// One person by id: the person behind accounts (`Account.person_id`, or 'person:' + key for an
// account not linked yet) or a person named in reports (`Person.person_id`, or the Person id
// before the linker ran). Its accounts (for named people, those they are said to use); the
// reports against it (naming one of those accounts, or one of its people, as the suspect),
// newest first, at most $limit, with the total; the victims of those reports by identity
// (names only when $reveal_names), at most $limit, with the total; the forces involved (the
// forces its cases are assigned to, and its victims' forces); and, for named people, the
// reports naming it in each role. Only reports the viewer's force may see count (its cases,
// assigned or notified; hub staff see all), and no row comes back when none does.
// params: person_id, limit, reveal_names, viewer_force, viewer_sees_all
WITH COLLECT {
    MATCH (a:Account {person_id: $person_id}) RETURN a
    UNION
    MATCH (a:Account {key: substring($person_id, 7)})
    WHERE $person_id STARTS WITH 'person:' AND a.person_id IS NULL
    RETURN a
  } AS offender_accounts,
  COLLECT {
    MATCH (p:Person {person_id: $person_id}) RETURN p
    UNION
    MATCH (p:Person {id: $person_id}) WHERE p.person_id IS NULL RETURN p
  } AS people
WITH offender_accounts, people
WHERE size(offender_accounts) > 0 OR size(people) > 0
WITH people, offender_accounts + COLLECT {
    UNWIND people AS p
    MATCH (p)-[:SAID_TO_USE]->(a:Account)
    WHERE NOT a IN offender_accounts
    RETURN DISTINCT a
  } AS accounts
WITH people, accounts, COLLECT {
    CALL (accounts, people) {
      UNWIND accounts AS a
      MATCH (r:Report)-[:NAMES_SUSPECT]->(a)
      RETURN r
      UNION
      UNWIND people AS p
      MATCH (p)-[:SUSPECTED_IN]->(r:Report)
      RETURN r
    }
    WITH r WHERE $viewer_sees_all OR EXISTS {
      MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
    }
    RETURN r
  } AS reports, COLLECT {
    UNWIND people AS p
    MATCH (p)-[role:VICTIM_IN|SUSPECTED_IN|REPORTED]->(r:Report)
    WHERE $viewer_sees_all OR EXISTS {
      MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO|NOTIFIED]->(:Force {code: $viewer_force})
    }
    RETURN DISTINCT {role: type(role), report: r.id} AS named
  } AS named_in
WITH people, accounts, reports, named_in
WHERE $viewer_sees_all OR size(reports) > 0 OR size(named_in) > 0
CALL (reports) {
  UNWIND reports AS r
  MATCH (v:Person)-[:VICTIM_IN]->(r)
  WITH coalesce(v.person_id, v.id) AS identity, collect(v) AS vs, count(DISTINCT r) AS n
  ORDER BY n DESC, identity
  RETURN collect({
    identity: identity, reports: n,
    name: CASE WHEN $reveal_names THEN [x IN vs WHERE x.name IS NOT NULL | x.name][0] END,
    force_code: [x IN vs WHERE x.force_code IS NOT NULL | x.force_code][0]
  }) AS victims
}
CALL (reports, victims) {
  CALL (reports, victims) {
    UNWIND reports AS r
    MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(k:Case)-[:ASSIGNED_TO]->(f:Force)
    RETURN f.code AS code, k.id AS case_id, null AS victim
    UNION ALL
    UNWIND victims AS v
    WITH v WHERE v.force_code IS NOT NULL
    RETURN v.force_code AS code, null AS case_id, v.identity AS victim
  }
  WITH code, count(DISTINCT case_id) AS cases, count(DISTINCT victim) AS victim_count
  OPTIONAL MATCH (f:Force {code: code})
  WITH code, f.name AS name, cases, victim_count
  ORDER BY code
  RETURN collect({code: code, name: name, cases: cases, victims: victim_count}) AS forces
}
RETURN CASE WHEN size(people) > 0 THEN 'NAMED' ELSE 'OFFENDER' END AS kind,
  COLLECT {
    UNWIND accounts AS a
    WITH a ORDER BY a.key
    RETURN a {.key, .platform, .handle}
  } AS accounts,
  size(reports) AS report_count,
  COLLECT {
    UNWIND reports AS r
    WITH r ORDER BY r.received_at DESC, r.id LIMIT $limit
    RETURN r {
      .id, .reference, .received_at,
      case_id: COLLECT {
        MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(k:Case) RETURN k.id ORDER BY k.id
      }[0],
      force_code: COLLECT {
        MATCH (:ContentCluster {id: r.cluster_id})<-[:CONCERNS]-(:Case)-[:ASSIGNED_TO]->(f:Force)
        RETURN f.code ORDER BY f.code
      }[0]
    }
  } AS reports,
  size(victims) AS victim_count,
  victims[..$limit] AS victims,
  forces,
  CASE WHEN size(people) = 0 THEN null ELSE {
    victim: size([n IN named_in WHERE n.role = 'VICTIM_IN']),
    suspect: size([n IN named_in WHERE n.role = 'SUSPECTED_IN']),
    reporter: size([n IN named_in WHERE n.role = 'REPORTED'])
  } END AS roles

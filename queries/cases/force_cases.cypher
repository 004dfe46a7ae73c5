// Cases a force sees, one page at a time (keyset on case id, after $after): the first $limit
// cases currently assigned (ASSIGNED_TO) or notified (NOTIFIED) to it, of status $status (any,
// when null: the filter is applied before the limit, so a page is full), each followed by up to
// $linked_per_case cases linked to it that are not the force's own (LINKED: a shared suspect
// account, an account of the same person, shared content), with the reasons and the own cases
// on the page they link to. Hub staff page through every assigned or notified case, one row
// per force, with no LINKED rows (they see every case). Links are searched with the bounds of
// cases/case_detail (graph/cases/force_view.py), so a page costs at most $limit such searches.
// params: viewer_force, viewer_sees_all, after, status, limit, linked_per_case, report_limit, link_scan, person_accounts
CALL () {
  // Each branch is entered only for the viewer it is for: its guard filters the one row that a
  // correlated subquery then runs for, so the branch reads nothing otherwise, whatever plan
  // Neo4j picks inside it. A guard beside the MATCH is not enough: to fill a page Neo4j may
  // walk every case in id order, or scan the label, and check a WHERE on a parameter alone
  // after the walk (a hub viewer's page once walked all 380,000 cases of the 1M bench graph
  // looking for a force it does not have: 0.7 s).
  WITH $viewer_force AS code WHERE code IS NOT NULL
  CALL (code) {
    MATCH (:Force {code: code})<-[:ASSIGNED_TO|NOTIFIED]-(k:Case)
    WHERE k.id > $after AND ($status IS NULL OR k.status = $status)
    RETURN DISTINCT k ORDER BY k.id LIMIT $limit
  }
  RETURN k
  UNION
  WITH $viewer_sees_all AS sees_all WHERE sees_all
  CALL (sees_all) {
    MATCH (k:Case)
    WHERE sees_all AND k.id > $after AND ($status IS NULL OR k.status = $status)
      AND EXISTS { (k)-[:ASSIGNED_TO|NOTIFIED]->(:Force) }
    RETURN k ORDER BY k.id LIMIT $limit
  }
  RETURN k
}
OPTIONAL MATCH (vf:Force {code: $viewer_force})
CALL (k) {
  MATCH (k)-[rel:ASSIGNED_TO|NOTIFIED]->(f:Force)
  WHERE $viewer_sees_all OR f.code = $viewer_force
  RETURN collect(DISTINCT {how: type(rel), force_code: f.code}) AS rels
}
CALL (k, vf) {
  WITH k, vf WHERE NOT $viewer_sees_all AND $linked_per_case > 0
  CALL (k) {
    MATCH (k)-[:CONCERNS]->(c:ContentCluster)
    CALL (c) {
      MATCH (r:Report) USING INDEX r:Report(cluster_id, received_at)
      WHERE r.cluster_id = c.id AND r.received_at IS NOT NULL
      RETURN r ORDER BY r.cluster_id, r.received_at LIMIT $report_limit
    }
    RETURN r ORDER BY r.received_at, r.id LIMIT $report_limit
  }
  WITH k, vf, collect(r) AS reports
  WITH k, vf,
    COLLECT {
      UNWIND reports AS r
      CALL (r) {
        MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN a
        UNION
        MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account) RETURN a
      }
      RETURN DISTINCT a ORDER BY COUNT { (a)<-[:NAMES_SUSPECT]-() }, a.key
    } AS accounts,
    COLLECT { UNWIND reports AS r MATCH (r)-[:ABOUT]->(c:Content) RETURN DISTINCT c } AS contents
  WITH k, vf, accounts, contents, COLLECT {
      UNWIND accounts AS a
      WITH DISTINCT accounts, a.person_id AS person WHERE person IS NOT NULL
      MATCH (other:Account {person_id: person}) WHERE NOT other IN accounts
      RETURN other ORDER BY COUNT { (other)<-[:NAMES_SUSPECT]-() }, other.key
      LIMIT $person_accounts
    } AS others
  CALL (k, vf, accounts, others, contents) {
    MATCH (k)-[:CONCERNS]->(:ContentCluster)<-[:CONCERNS]-(k2:Case)
    WHERE k2 <> k AND NOT EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(vf) }
    RETURN DISTINCT k2, 'SAME_CONTENT' AS reason LIMIT $linked_per_case
    UNION ALL
    CALL (contents) {
      UNWIND contents AS c
      MATCH (c)<-[:ABOUT]-(r2)
      RETURN r2.cluster_id AS cid LIMIT $link_scan
    }
    WITH DISTINCT k, vf, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND NOT EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(vf) }
    RETURN DISTINCT k2, 'SAME_CONTENT' AS reason LIMIT $linked_per_case
    UNION ALL
    CALL (accounts) {
      UNWIND accounts AS a
      CALL (a) {
        MATCH (a)<-[:NAMES_SUSPECT]-(r2) RETURN r2.cluster_id AS cid
        UNION ALL
        MATCH (a)-[:POSTED]->(:Content)<-[:ABOUT]-(r2) RETURN r2.cluster_id AS cid
      }
      RETURN cid LIMIT $link_scan
    }
    WITH DISTINCT k, vf, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND NOT EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(vf) }
    RETURN DISTINCT k2, 'SAME_ACCOUNT' AS reason LIMIT $linked_per_case
    UNION ALL
    CALL (others) {
      UNWIND others AS other
      CALL (other) {
        MATCH (other)<-[:NAMES_SUSPECT]-(r2) RETURN r2.cluster_id AS cid
        UNION ALL
        MATCH (other)-[:POSTED]->(:Content)<-[:ABOUT]-(r2) RETURN r2.cluster_id AS cid
      }
      RETURN cid LIMIT $link_scan
    }
    WITH DISTINCT k, vf, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND NOT EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(vf) }
    RETURN DISTINCT k2, 'SAME_PERSON' AS reason LIMIT $linked_per_case
  }
  WITH k2, collect(DISTINCT reason) AS reasons
  ORDER BY size(reasons) DESC, k2.id
  RETURN collect({case: k2, reasons: reasons})[..$linked_per_case] AS linked
}
WITH collect({k: k, rels: rels, linked: coalesce(linked, [])}) AS page
CALL (page) {
  UNWIND page AS p
  UNWIND p.rels AS rel
  RETURN p.k.id AS anchor, 0 AS rank, p.k AS k, rel.how AS how, rel.force_code AS force_code,
         [] AS linked_to, [] AS reasons
  UNION ALL
  UNWIND page AS p
  UNWIND p.linked AS link
  WITH link.case AS k, collect(p.k.id) AS linked_to, collect(link.reasons) AS reason_lists
  RETURN linked_to[0] AS anchor, 1 AS rank, k, 'LINKED' AS how,
         COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
         linked_to,
         reduce(acc = [], rs IN reason_lists | acc + [x IN rs WHERE NOT x IN acc]) AS reasons
}
RETURN k.id AS id, k.status AS status, how, force_code, linked_to, reasons
ORDER BY anchor, rank, id, how

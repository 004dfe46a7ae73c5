// One case as the viewer may see it, in one round trip; no row when the viewer may not see it.
// Hub staff see every case (HUB). A force officer sees the cases currently assigned (ASSIGNED)
// or notified (NOTIFIED) to their force, and cases linked to one of those (LINKED): a shared
// suspect account (named, or posting the content), an account of the same person, or shared
// content (a Content node or a content cluster). Victims are masked here, never after: name,
// email, phone and postcode only for hub staff, the case's own forces, or a victim living in
// the viewer's force; a masked victim keeps the force code to ask.
// Linked cases: for HUB / ASSIGNED / NOTIFIED every linked case, for LINKED the viewer's own
// cases it is linked to; at most $linked_limit, most reasons first, then by id.
// Bounded fan-out (graph/cases/force_view.py): links are drawn from the first $report_limit
// reports; each kind of link searches at most $link_scan reports (accounts with the fewest
// reports first) and $person_accounts other accounts of a person. linked_capped says when
// more cases were found than listed, or the search may have stopped short (from degrees).
// params: case_id, viewer_force, viewer_sees_all, report_limit, link_scan, person_accounts, linked_limit
MATCH (k:Case {id: $case_id})
OPTIONAL MATCH (vf:Force {code: $viewer_force})
WITH k, vf, CASE
    WHEN $viewer_sees_all THEN 'HUB'
    WHEN EXISTS { (k)-[:ASSIGNED_TO]->(vf) } THEN 'ASSIGNED'
    WHEN EXISTS { (k)-[:NOTIFIED]->(vf) } THEN 'NOTIFIED'
  END AS own
WHERE own IS NOT NULL OR vf IS NOT NULL
// The first reports in time order, through the (cluster_id, received_at) index's own order.
WITH k, vf, own, COLLECT {
    MATCH (k)-[:CONCERNS]->(c:ContentCluster)
    CALL (c) {
      MATCH (r:Report) USING INDEX r:Report(cluster_id, received_at)
      WHERE r.cluster_id = c.id AND r.received_at IS NOT NULL
      RETURN r ORDER BY r.cluster_id, r.received_at LIMIT $report_limit + 1
    }
    RETURN r ORDER BY r.received_at, r.id LIMIT $report_limit + 1
  } AS fetched
WITH k, vf, own, fetched[..$report_limit] AS reports, size(fetched) > $report_limit AS reports_capped
WITH k, vf, own, reports, reports_capped,
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
WITH k, vf, own, reports, reports_capped, accounts, contents, COLLECT {
    UNWIND accounts AS a
    WITH DISTINCT accounts, a.person_id AS person WHERE person IS NOT NULL
    MATCH (other:Account {person_id: person}) WHERE NOT other IN accounts
    RETURN other ORDER BY COUNT { (other)<-[:NAMES_SUSPECT]-() }, other.key
    LIMIT $person_accounts + 1
  } AS others
WITH k, vf, own, reports, reports_capped, accounts, contents,
  others[..$person_accounts] AS others, size(others) > $person_accounts AS persons_capped
CALL (k, vf, own, accounts, others, contents) {
  CALL (k, vf, own, accounts, others, contents) {
    MATCH (k)-[:CONCERNS]->(:ContentCluster)<-[:CONCERNS]-(k2:Case)
    WHERE k2 <> k AND (own IS NOT NULL OR EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(vf) })
    RETURN DISTINCT k2, 'SAME_CONTENT' AS reason LIMIT $linked_limit + 1
    UNION ALL
    CALL (contents) {
      UNWIND contents AS c
      MATCH (c)<-[:ABOUT]-(r2)
      RETURN r2.cluster_id AS cid LIMIT $link_scan
    }
    WITH DISTINCT k, vf, own, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND (own IS NOT NULL
      OR EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(f) WHERE f.code = $viewer_force })
    RETURN DISTINCT k2, 'SAME_CONTENT' AS reason LIMIT $linked_limit + 1
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
    WITH DISTINCT k, vf, own, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND (own IS NOT NULL
      OR EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(f) WHERE f.code = $viewer_force })
    RETURN DISTINCT k2, 'SAME_ACCOUNT' AS reason LIMIT $linked_limit + 1
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
    WITH DISTINCT k, vf, own, cid
    MATCH (:ContentCluster {id: cid})<-[:CONCERNS]-(k2)
    WHERE k2 <> k AND (own IS NOT NULL
      OR EXISTS { (k2)-[:ASSIGNED_TO|NOTIFIED]->(f) WHERE f.code = $viewer_force })
    RETURN DISTINCT k2, 'SAME_PERSON' AS reason LIMIT $linked_limit + 1
  }
  WITH k2, collect(DISTINCT reason) AS reasons
  ORDER BY size(reasons) DESC, k2.id
  RETURN collect({
    id: k2.id, status: k2.status, reasons: reasons,
    force: COLLECT { MATCH (k2)-[:ASSIGNED_TO]->(f:Force) RETURN f {.code, .name} }[0],
    how: CASE
      WHEN $viewer_sees_all THEN 'HUB'
      WHEN EXISTS { (k2)-[:ASSIGNED_TO]->(vf) } THEN 'ASSIGNED'
      WHEN EXISTS { (k2)-[:NOTIFIED]->(vf) } THEN 'NOTIFIED'
      ELSE 'LINKED'
    END
  }) AS linked
}
WITH k, own, reports, reports_capped, accounts, others, persons_capped, contents, linked
WHERE own IS NOT NULL OR size(linked) > 0
RETURN k.id AS id, k.status AS status, coalesce(own, 'LINKED') AS how,
  COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f {.code, .name} }[0] AS force,
  [r IN reports | r {.id, .reference, received_at: r.received_at.epochMillis, .strands}]
    AS reports,
  reports_capped,
  [c IN contents | c {.id, .platform, .url}] AS contents,
  [a IN accounts | a {.key, .platform, .handle, .person_id}] AS accounts,
  COLLECT {
    UNWIND reports AS r
    MATCH (v:Person)-[:VICTIM_IN]->(r)
    WITH DISTINCT v, own IS NOT NULL OR coalesce(v.force_code = $viewer_force, false) AS open
    RETURN {
      id: v.id, force_code: v.force_code, masked: NOT open,
      name: CASE WHEN open THEN v.name END,
      postcode: CASE WHEN open THEN v.postcode END,
      email: CASE WHEN open THEN COLLECT { MATCH (v)-[:HAS_EMAIL]->(e:Email) RETURN e.address }[0] END,
      phone: CASE WHEN open THEN COLLECT { MATCH (v)-[:HAS_PHONE]->(t:Phone) RETURN t.e164 }[0] END
    } ORDER BY v.id
  } AS victims,
  linked[..$linked_limit] AS linked,
  size(linked) > $linked_limit OR persons_capped
    OR reduce(n = 0, a IN accounts |
      n + COUNT { (a)<-[:NAMES_SUSPECT]-() } + COUNT { (a)-[:POSTED]->() }) > $link_scan
    OR reduce(n = 0, a IN others |
      n + COUNT { (a)<-[:NAMES_SUSPECT]-() } + COUNT { (a)-[:POSTED]->() }) > $link_scan
    OR reduce(n = 0, c IN contents | n + COUNT { (c)<-[:ABOUT]-() }) > $link_scan
    AS linked_capped

// The nodes that stand for each entity an analyst names, each found through its index: an
// account (key), a report (id), a content cluster (id), a case (id), a person named in reports
// (VICTIM: a Person id, or a resolved identity key `person_id`) or the person behind accounts
// (PERSON: `Account.person_id`, or 'person:' + key for an account alone). With no kind the
// kinds are tried in that order (a resolved victim identity key needs its kind) and the first
// found wins. `members` are the entity's own nodes (where a neighbourhood starts); `anchors`
// are where a path search starts, with the steps from the entity to each: a content cluster
// (and so a case) reaches the graph through its reports, which name it by their `cluster_id`
// property, not by an edge (written IN_CLUSTER on a path). Both lists hold at most $anchors.
// params: refs, anchors
UNWIND range(0, size($refs) - 1) AS i
WITH i, $refs[i] AS ref
CALL (ref) {
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'ACCOUNT'
  MATCH (a:Account {key: ref.id})
  RETURN 1 AS rank, 'ACCOUNT' AS kind, [a] AS members, [{node: a, via: [], rels: []}] AS anchors
  UNION
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'REPORT'
  MATCH (r:Report {id: ref.id})
  RETURN 2 AS rank, 'REPORT' AS kind, [r] AS members, [{node: r, via: [], rels: []}] AS anchors
  UNION
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'CONTENT'
  MATCH (c:ContentCluster {id: ref.id})
  RETURN 3 AS rank, 'CONTENT' AS kind, [c] AS members, COLLECT {
    MATCH (r:Report {cluster_id: c.id})
    RETURN {node: r, via: [c], rels: ['IN_CLUSTER']} ORDER BY r.received_at, r.id LIMIT $anchors
  } AS anchors
  UNION
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'CASE'
  MATCH (k:Case {id: ref.id})
  RETURN 4 AS rank, 'CASE' AS kind, [k] AS members, COLLECT {
    MATCH (k)-[:CONCERNS]->(c:ContentCluster)
    MATCH (r:Report {cluster_id: c.id})
    RETURN {node: r, via: [k, c], rels: ['CONCERNS', 'IN_CLUSTER']}
    ORDER BY r.received_at, r.id LIMIT $anchors
  } AS anchors
  UNION
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'VICTIM'
  OPTIONAL MATCH (p:Person {id: ref.id})
  WITH p, coalesce(p.person_id, CASE WHEN p IS NULL AND ref.kind = 'VICTIM' THEN ref.id END)
       AS identity
  CALL (identity) {
    UNWIND CASE WHEN identity IS NULL THEN [] ELSE [identity] END AS key
    MATCH (q:Person {person_id: key})
    WITH q ORDER BY q.id LIMIT $anchors
    RETURN collect(q) AS linked
  }
  WITH [x IN [p] WHERE x IS NOT NULL] + [q IN linked WHERE p IS NULL OR q <> p] AS people
  WHERE size(people) > 0
  RETURN 5 AS rank, 'VICTIM' AS kind, people[..$anchors] AS members,
         [q IN people[..$anchors] | {node: q, via: [], rels: []}] AS anchors
  UNION
  WITH ref WHERE ref.kind IS NULL OR ref.kind = 'PERSON'
  WITH COLLECT {
    MATCH (a:Account {person_id: ref.id}) RETURN a
    UNION
    MATCH (a:Account {key: substring(ref.id, 7)})
    WHERE ref.id STARTS WITH 'person:' AND a.person_id IS NULL
    RETURN a
  } AS accounts
  WHERE size(accounts) > 0
  RETURN 6 AS rank, 'PERSON' AS kind, accounts[..$anchors] AS members,
         [a IN accounts[..$anchors] | {node: a, via: [], rels: []}] AS anchors
}
WITH i, rank, kind, members, anchors ORDER BY i, rank
WITH i, head(collect({kind: kind, members: members, anchors: anchors})) AS best
RETURN i, best.kind AS kind,
       [m IN best.members | {ref: elementId(m), label: labels(m)[0], id: coalesce(m.key, m.id)}]
         AS members,
       [x IN best.anchors | {
         ref: elementId(x.node), label: labels(x.node)[0], id: coalesce(x.node.key, x.node.id),
         via: [v IN x.via | {ref: elementId(v), label: labels(v)[0], id: v.id}], rels: x.rels
       }] AS anchors
ORDER BY i

// The shortest paths between two sets of anchor nodes (element ids from
// intel/resolve_entities), over the relationships a neighbourhood follows, at most 6 steps and
// $per_pair paths a pair; superseded judgements are not links. Both ends are bound, so each
// search is bidirectional and stops at the shortest length.
// params: sources, targets, per_pair
UNWIND $sources AS source
MATCH (s) WHERE elementId(s) = source
UNWIND $targets AS target
MATCH (t) WHERE elementId(t) = target AND t <> s
CALL (s, t) {
  MATCH p = allShortestPaths((s)-[:NAMES_SUSPECT|POSTED|ABOUT|VICTIM_IN|REPORTED|HAS_EMAIL|HAS_PHONE|USED_IP|SAME_PERSON|SAME_CONTENT|CONCERNS*..6]-(t))
  WHERE all(rel IN relationships(p) WHERE rel.superseded_by IS NULL)
  RETURN p LIMIT $per_pair
}
RETURN source, target,
       [n IN nodes(p) | {ref: elementId(n), label: labels(n)[0],
                         id: coalesce(n.key, n.id, n.address, n.e164, n.ip)}] AS nodes,
       [rel IN relationships(p) | type(rel)] AS rels

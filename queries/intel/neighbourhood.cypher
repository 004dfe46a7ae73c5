// The neighbourhood of an account, person, report or content cluster, to a bounded depth,
// over the hub's investigative relationships only.
// params: node_id, depth, limit
MATCH (start) WHERE start.key = $node_id OR start.id = $node_id
MATCH path = (start)-[:NAMES_SUSPECT|POSTED|ABOUT|VICTIM_IN|REPORTED|HAS_EMAIL|HAS_PHONE|USED_IP|SAME_PERSON|SAME_CONTENT|CONCERNS*1..3]-(other)
WHERE length(path) <= $depth
WITH other, min(length(path)) AS distance
RETURN coalesce(other.key, other.id, other.address, other.e164, other.ip) AS id,
       labels(other)[0] AS label, distance
ORDER BY distance, id
LIMIT $limit

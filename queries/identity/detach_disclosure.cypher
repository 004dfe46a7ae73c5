// Withdraw a disclosure: record when, by whom and why; take its id off the values it gave its
// account, deleting the links only it supplied and the value nodes then linked to nothing; drop
// its registered name; the account keeps the platform user id of its latest disclosure still
// in force, if any. The Disclosure node and ABOUT_ACCOUNT stay: the provenance of what happened.
// params: id, at, by, reason
MATCH (d:Disclosure {id: $id})
SET d.withdrawn_at = datetime($at), d.withdrawn_by = $by, d.withdrawal_reason = $reason,
    d.registered_name = null
WITH d
OPTIONAL MATCH (d)-[:ABOUT_ACCOUNT]->(a:Account)
CALL (a) {
  MATCH (a)-[h:HAS_EMAIL|HAS_PHONE]->(v)
  WHERE $id IN h.disclosure_ids
  SET h.disclosure_ids = [x IN h.disclosure_ids WHERE x <> $id]
  WITH h, v WHERE size(h.disclosure_ids) = 0
  DELETE h
  WITH DISTINCT v WHERE NOT EXISTS { (v)--() }
  DELETE v
}
CALL (a) {
  MATCH (a)-[u:USED_IP {disclosure_id: $id}]->(i:IpAddress)
  DELETE u
  WITH DISTINCT i WHERE NOT EXISTS { (i)--() }
  DELETE i
}
CALL (a) {
  WITH a WHERE a IS NOT NULL
  SET a.platform_user_id = COLLECT {
    MATCH (o:Disclosure)-[:ABOUT_ACCOUNT]->(a)
    WHERE o.withdrawn_at IS NULL AND o.platform_user_id IS NOT NULL
    RETURN o.platform_user_id ORDER BY o.received_at DESC
  }[0]
}
RETURN count(*) AS withdrawn

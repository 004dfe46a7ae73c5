// One disclosure and, for the account it is about, the values only it supplied: emails and
// phones no other disclosure gave the account, IPs no other disclosure saw it on, and its
// registered name unless another disclosure in force gave the same. Withdrawing it detaches
// these, and judgements whose evidence used them are retracted (graph/identity/retraction.py).
// params: id
MATCH (d:Disclosure {id: $id})
OPTIONAL MATCH (d)-[:ABOUT_ACCOUNT]->(a:Account)
RETURN d.id AS id, d.withdrawn_at AS withdrawn_at, a.key AS account,
  COLLECT { MATCH (a)-[h:HAS_EMAIL]->(e:Email) WHERE h.disclosure_ids = [$id] RETURN e.address }
    AS emails,
  COLLECT { MATCH (a)-[h:HAS_PHONE]->(t:Phone) WHERE h.disclosure_ids = [$id] RETURN t.e164 }
    AS phones,
  COLLECT {
    MATCH (a)-[:USED_IP {disclosure_id: $id}]->(i:IpAddress)
    WHERE NOT EXISTS { MATCH (a)-[o:USED_IP]->(i) WHERE o.disclosure_id <> $id }
    RETURN DISTINCT i.ip
  } AS ips,
  CASE WHEN d.registered_name IS NULL OR EXISTS {
      MATCH (o:Disclosure)-[:ABOUT_ACCOUNT]->(a)
      WHERE o <> d AND o.withdrawn_at IS NULL AND o.registered_name = d.registered_name
    } THEN [] ELSE [d.registered_name] END AS names

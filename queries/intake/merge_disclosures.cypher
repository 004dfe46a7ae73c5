// Record platform disclosures (idempotent on the disclosure id) and link their values to accounts.
// A disclosure withdrawn since (graph/identity/withdrawals.py) links nothing again if re-sent.
// params: rows
UNWIND $rows AS row
MERGE (a:Account {key: row.account_key})
  ON CREATE SET a.platform = row.platform, a.handle = row.handle
MERGE (pl:Platform {id: row.platform})
MERGE (a)-[:ON_PLATFORM]->(pl)
MERGE (d:Disclosure {id: row.id})
  ON CREATE SET d.received_at = datetime(row.received_at), d.legal_basis = row.legal_basis,
                d.registered_name = row.registered_name, d.platform_user_id = row.platform_user_id,
                d.new = true
MERGE (d)-[:ABOUT_ACCOUNT]->(a)
SET a.platform_user_id = CASE WHEN d.withdrawn_at IS NULL
  THEN coalesce(row.platform_user_id, a.platform_user_id) ELSE a.platform_user_id END
WITH a, d, row, coalesce(d.new, false) AS fresh
REMOVE d.new
WITH a, d, row, fresh
CALL (a, d, row) {
  UNWIND CASE WHEN d.withdrawn_at IS NULL THEN row.emails ELSE [] END AS address
  MERGE (e:Email {address: address})
  MERGE (a)-[h:HAS_EMAIL]->(e)
    ON CREATE SET h.disclosure_ids = [d.id], h.first_disclosed_at = d.received_at
    ON MATCH SET h.disclosure_ids = CASE WHEN d.id IN h.disclosure_ids THEN h.disclosure_ids
                                         ELSE h.disclosure_ids + d.id END
}
CALL (a, d, row) {
  UNWIND CASE WHEN d.withdrawn_at IS NULL THEN row.phones ELSE [] END AS e164
  MERGE (t:Phone {e164: e164})
  MERGE (a)-[h:HAS_PHONE]->(t)
    ON CREATE SET h.disclosure_ids = [d.id], h.first_disclosed_at = d.received_at
    ON MATCH SET h.disclosure_ids = CASE WHEN d.id IN h.disclosure_ids THEN h.disclosure_ids
                                         ELSE h.disclosure_ids + d.id END
}
CALL (a, d, row) {
  UNWIND CASE WHEN d.withdrawn_at IS NULL THEN row.ips ELSE [] END AS sighting
  MERGE (i:IpAddress {ip: sighting.ip})
  MERGE (a)-[u:USED_IP {disclosure_id: d.id,
                        seen_at: CASE WHEN sighting.seen_at IS NULL THEN datetime(row.received_at)
                                      ELSE datetime(sighting.seen_at) END}]->(i)
}
RETURN count(d) AS written, sum(CASE WHEN fresh THEN 1 ELSE 0 END) AS created

// Every case with someone who may be told of its events: a reporter or a named victim who
// consented to contact and left an email or a phone, on a report that is not anonymous. One
// record of ids (graph/db.py: a record a case would cost more than the ids).
// params:
MATCH (p:Person)-[:REPORTED|VICTIM_IN]->(r:Report)
WHERE p.consent_to_contact = true AND NOT coalesce(r.anonymous, false)
  AND (EXISTS { (p)-[:HAS_EMAIL]->(:Email) } OR EXISTS { (p)-[:HAS_PHONE]->(:Phone) })
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
WITH DISTINCT k.id AS id ORDER BY id
RETURN collect(id) AS ids

// Every report of a case, first received first, with its content captures (text, address,
// capture time, the evidence files' hashes as intake kept them), the accounts it names, and
// its reporter and victim as the recipient force may see them. Masked here, never after, as
// the force view masks (cases/case_detail): a person is open to a force the case is assigned
// or notified to, or to the force the person lives in; a masked person keeps only their id,
// roles and force code. Of an open person the name and postcode are given; email and phone
// only when they consented to contact. An anonymous reporter is never more than their role.
// params: case_id, recipient_force
MATCH (k:Case {id: $case_id})
WITH k, EXISTS {
    (k)-[:ASSIGNED_TO|NOTIFIED]->(f:Force) WHERE f.code = $recipient_force
  } AS own
MATCH (k)-[:CONCERNS]->(cc:ContentCluster)
MATCH (r:Report {cluster_id: cc.id})
WITH own, r ORDER BY r.received_at, r.id
RETURN r.id AS id, r.reference AS reference, r.source AS source, r.source_ref AS source_ref,
  r.received_at AS received_at, r.submitted_at AS submitted_at, r.occurred_at AS occurred_at,
  r.description AS description, r.strands AS strands, r.online AS online,
  r.location_type AS location_type, r.chosen_force_code AS chosen_force_code,
  coalesce(r.anonymous, false) AS anonymous, r.cluster_id AS cluster_id,
  COLLECT {
    MATCH (r)-[a:ABOUT]->(c:Content)
    RETURN {content_id: c.id, index: a.index, platform: c.platform, url: a.url,
            raw_url: a.raw_url, text: a.text, attachments: a.attachments,
            captured_at: a.captured_at}
    ORDER BY a.index, c.id
  } AS captures,
  COLLECT {
    MATCH (r)-[n:NAMES_SUSPECT]->(a:Account)
    RETURN {key: a.key, platform: a.platform, handle: a.handle, display_name: n.display_name,
            person_id: a.person_id}
    ORDER BY n.suspect_index, a.key
  } AS named_accounts,
  COLLECT {
    MATCH (p:Person)-[rel:REPORTED|VICTIM_IN]->(r)
    WITH p, collect(CASE type(rel) WHEN 'REPORTED' THEN 'reporter' ELSE 'victim' END) AS roles,
         [x IN collect(rel.role) WHERE x IS NOT NULL][0] AS reporter_role
    WITH p, roles, reporter_role, coalesce(reporter_role = 'anonymous', false) AS anonymous,
         own OR coalesce(p.force_code = $recipient_force, false) AS open
    WITH p, roles, reporter_role, open AND NOT anonymous AS open,
         coalesce(p.consent_to_contact, false) AND NOT anonymous AS consent
    RETURN {
      id: p.id, roles: roles, reporter_role: reporter_role, force_code: p.force_code,
      masked: NOT open, consent_to_contact: CASE WHEN open THEN consent END,
      name: CASE WHEN open THEN p.name END,
      postcode: CASE WHEN open THEN p.postcode END,
      email: CASE WHEN open AND consent
        THEN COLLECT { MATCH (p)-[:HAS_EMAIL]->(e:Email) RETURN e.address }[0] END,
      phone: CASE WHEN open AND consent
        THEN COLLECT { MATCH (p)-[:HAS_PHONE]->(t:Phone) RETURN t.e164 }[0] END
    } ORDER BY p.id
  } AS parties

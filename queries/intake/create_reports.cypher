// Write new reports with their people, content, accounts and value nodes. The caller has
// checked, under the reference-counter lock in the same transaction, that none exists yet.
// The matching evidence (graph/dedup/evidence_props.py) is spelled out, not set from the map:
// one property write a report, not two. Details kept unverified (ingest/normalise.py) are
// written as typed, with their reasons, and null (not stored) when there are none.
// params: rows
UNWIND $rows AS row
CREATE (r:Report {
  id: row.id, intake_key: row.intake_key, source: row.source, source_ref: row.source_ref,
  reference: row.reference, received_at: datetime(row.received_at),
  submitted_at: datetime(row.submitted_at),
  occurred_at: CASE WHEN row.occurred_at IS NULL THEN null ELSE datetime(row.occurred_at) END,
  reported_at: datetime(row.reported_at),
  incident_at: CASE WHEN row.incident_at IS NULL THEN null ELSE datetime(row.incident_at) END,
  contract_version: row.contract_version, payload_hash: row.payload_hash,
  raw_payload: row.raw_payload, access_code_hash: row.access_code_hash,
  description: row.description, location_type: row.location_type, online: row.online,
  strands: row.strands, chosen_force_code: row.chosen_force_code, anonymous: row.anonymous,
  unverified_fields: row.unverified_fields, unverified_reasons: row.unverified_reasons,
  match_platform: row.match.match_platform, match_reporter_key: row.match.match_reporter_key,
  match_post_key: row.match.match_post_key, match_handles: row.match.match_handles,
  match_text: row.match.match_text, match_victim_key: row.match.match_victim_key,
  match_captured_at: datetime(row.match.match_captured_at),
  match_occurred_at: datetime(row.match.match_occurred_at)
})
WITH r, row
CALL (r, row) {
  WITH r, row WHERE row.chosen_force_code IS NOT NULL
  MATCH (f:Force {code: row.chosen_force_code})
  CREATE (r)-[:CHOSE_FORCE]->(f)
}
CALL (r, row) {
  UNWIND row.parties AS party
  CREATE (p:Person {
    id: party.id, name: party.name, postcode: party.postcode,
    force_code: party.force_code, force_confidence: party.force_confidence,
    other_force_codes: party.other_force_codes, consent_to_contact: party.consent_to_contact,
    unverified_email: party.unverified_email, unverified_phone: party.unverified_phone,
    possible_phone: party.possible_phone, unverified_postcode: party.unverified_postcode
  })
  WITH r, p, party
  CALL (r, p, party) {
    WITH r, p, party WHERE party.is_reporter
    CREATE (p)-[:REPORTED {role: party.reporter_role}]->(r)
  }
  CALL (r, p, party) {
    WITH r, p, party WHERE party.is_victim
    CREATE (p)-[:VICTIM_IN]->(r)
  }
  CALL (p, party) {
    WITH p, party WHERE party.email IS NOT NULL
    MERGE (e:Email {address: party.email})
    CREATE (p)-[:HAS_EMAIL]->(e)
  }
  CALL (p, party) {
    WITH p, party WHERE party.phone IS NOT NULL
    MERGE (t:Phone {e164: party.phone})
    CREATE (p)-[:HAS_PHONE]->(t)
  }
  CALL (p, party) {
    WITH p, party WHERE party.district IS NOT NULL
    MATCH (d:PostcodeDistrict {code: party.district})
    CREATE (p)-[:LIVES_IN]->(d)
  }
}
CALL (r, row) {
  UNWIND row.content AS item
  MERGE (c:Content {id: item.content_id})
    ON CREATE SET c.post_key = item.post_key, c.platform = item.platform,
                  c.url = item.url, c.first_reported_at = r.received_at
  CREATE (r)-[:ABOUT {
    index: item.index, url: item.url, raw_url: item.raw_url, url_kind: item.url_kind,
    text: item.text, attachments: item.attachments,
    captured_at: CASE WHEN item.captured_at IS NULL THEN null ELSE datetime(item.captured_at) END
  }]->(c)
  MERGE (pl:Platform {id: item.platform})
  MERGE (c)-[:HOSTED_ON]->(pl)
  WITH c, item, pl WHERE item.author_key IS NOT NULL
  MERGE (a:Account {key: item.author_key})
    ON CREATE SET a.platform = item.platform, a.handle = item.author_handle
  MERGE (a)-[:POSTED]->(c)
  MERGE (a)-[:ON_PLATFORM]->(pl)
}
CALL (r, row) {
  UNWIND row.accounts AS named
  MERGE (a:Account {key: named.key})
    ON CREATE SET a.platform = named.platform, a.handle = named.handle
  CREATE (r)-[:NAMES_SUSPECT {
    via: named.via, suspect_index: named.suspect_index, handle_conforms: named.handle_conforms,
    display_name: named.display_name, profile_url: named.profile_url
  }]->(a)
  MERGE (pl:Platform {id: named.platform})
  MERGE (a)-[:ON_PLATFORM]->(pl)
}
CALL (r, row) {
  UNWIND row.suspect_people AS suspect
  CREATE (s:Person {id: suspect.id, name: suspect.name, location: suspect.location})
  CREATE (s)-[:SUSPECTED_IN {suspect_index: suspect.index}]->(r)
  WITH s, suspect WHERE suspect.account_key IS NOT NULL
  MATCH (a:Account {key: suspect.account_key})
  CREATE (s)-[:SAID_TO_USE]->(a)
}
RETURN count(r) AS created

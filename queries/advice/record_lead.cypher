// A new version of a force's hate crime lead entry; earlier versions are kept, the latest is
// the directory's.
// params: id, force_code, name, role_title, team, email, phone, contact_route, notes, reason, by, at
MATCH (f:Force {code: $force_code})
CREATE (f)-[:HAS_HATE_CRIME_LEAD]->(e:HateCrimeLead {
  id: $id, force_code: $force_code, name: $name, role_title: $role_title, team: $team,
  email: $email, phone: $phone, contact_route: $contact_route, notes: $notes,
  reason: $reason, recorded_by: $by, recorded_at: $at
})
RETURN e.id AS id

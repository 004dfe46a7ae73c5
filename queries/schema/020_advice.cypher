// Advice to forces (graph/advice/): each version of a force's hate crime lead entry, and the
// guidance notes an assignment carried (one node per note version).
// params:
CREATE CONSTRAINT hate_crime_lead_id IF NOT EXISTS FOR (e:HateCrimeLead) REQUIRE e.id IS UNIQUE;
CREATE INDEX hate_crime_lead_force IF NOT EXISTS FOR (e:HateCrimeLead) ON (e.force_code, e.recorded_at);
CREATE CONSTRAINT guidance_note_key IF NOT EXISTS FOR (g:GuidanceNote) REQUIRE g.key IS UNIQUE;
CREATE INDEX outcome_reported_at IF NOT EXISTS FOR (o:Outcome) ON (o.reported_at);

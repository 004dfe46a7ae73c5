// Intake: reports keyed by (source, source_ref), people, content, accounts, value nodes.
// params:
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (r:Report) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT report_intake_key IF NOT EXISTS FOR (r:Report) REQUIRE r.intake_key IS UNIQUE;
CREATE CONSTRAINT report_reference IF NOT EXISTS FOR (r:Report) REQUIRE r.reference IS UNIQUE;
CREATE CONSTRAINT reference_counter_year IF NOT EXISTS FOR (c:ReferenceCounter) REQUIRE c.year IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT content_id IF NOT EXISTS FOR (c:Content) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT account_key IF NOT EXISTS FOR (a:Account) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT email_address IF NOT EXISTS FOR (e:Email) REQUIRE e.address IS UNIQUE;
CREATE CONSTRAINT phone_e164 IF NOT EXISTS FOR (p:Phone) REQUIRE p.e164 IS UNIQUE;
CREATE CONSTRAINT ip_address IF NOT EXISTS FOR (i:IpAddress) REQUIRE i.ip IS UNIQUE;
CREATE CONSTRAINT postcode_code IF NOT EXISTS FOR (p:Postcode) REQUIRE p.code IS UNIQUE;
CREATE CONSTRAINT disclosure_id IF NOT EXISTS FOR (d:Disclosure) REQUIRE d.id IS UNIQUE;
CREATE INDEX content_post_key IF NOT EXISTS FOR (c:Content) ON (c.post_key);
CREATE INDEX report_received_at IF NOT EXISTS FOR (r:Report) ON (r.received_at);
CREATE INDEX account_platform IF NOT EXISTS FOR (a:Account) ON (a.platform);

// Complainant updates (graph/updates/): one outbox message per (contact, event), its MERGE key;
// found by status and next attempt (delivery) and by deadline (the outbox queue); the lock that
// serialises claiming; no-enforcement records and language choices by id.
// params:
CREATE CONSTRAINT update_message_key IF NOT EXISTS FOR (m:UpdateMessage) REQUIRE m.key IS UNIQUE;
CREATE CONSTRAINT update_message_id IF NOT EXISTS FOR (m:UpdateMessage) REQUIRE m.id IS UNIQUE;
CREATE INDEX update_message_status IF NOT EXISTS FOR (m:UpdateMessage) ON (m.status, m.next_attempt_at);
CREATE INDEX update_message_due IF NOT EXISTS FOR (m:UpdateMessage) ON (m.due_at);
CREATE CONSTRAINT updates_outbox_lock_id IF NOT EXISTS FOR (l:UpdatesOutboxLock) REQUIRE l.id IS UNIQUE;
CREATE CONSTRAINT no_enforcement_id IF NOT EXISTS FOR (n:NoEnforcement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT update_preference_id IF NOT EXISTS FOR (u:UpdatePreference) REQUIRE u.id IS UNIQUE;

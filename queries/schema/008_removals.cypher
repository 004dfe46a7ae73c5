// Removal referrals: one per content item (the MERGE key), found by id and by status; re-upload
// alerts: one per (content, earlier referral), keyed by both.
// params:
CREATE CONSTRAINT removal_referral_id IF NOT EXISTS FOR (r:RemovalReferral) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT removal_referral_content IF NOT EXISTS FOR (r:RemovalReferral) REQUIRE r.content_id IS UNIQUE;
CREATE INDEX removal_referral_status IF NOT EXISTS FOR (r:RemovalReferral) ON (r.status, r.platform);
CREATE INDEX removal_referral_pack IF NOT EXISTS FOR (r:RemovalReferral) ON (r.pack_id);
CREATE CONSTRAINT reupload_alert_id IF NOT EXISTS FOR (a:ReuploadAlert) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT reupload_alert_key IF NOT EXISTS FOR (a:ReuploadAlert) REQUIRE a.key IS UNIQUE;
CREATE INDEX reupload_alert_status IF NOT EXISTS FOR (a:ReuploadAlert) ON (a.status, a.raised_at);

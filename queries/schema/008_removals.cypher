// Removal referrals: one per content item (the MERGE key), found by id and by status.
// params:
CREATE CONSTRAINT removal_referral_id IF NOT EXISTS FOR (r:RemovalReferral) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT removal_referral_content IF NOT EXISTS FOR (r:RemovalReferral) REQUIRE r.content_id IS UNIQUE;
CREATE INDEX removal_referral_status IF NOT EXISTS FOR (r:RemovalReferral) ON (r.status, r.platform);
CREATE INDEX removal_referral_pack IF NOT EXISTS FOR (r:RemovalReferral) ON (r.pack_id);

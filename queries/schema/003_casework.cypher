// Duplicate combination and case work: clusters, block keys, cases, reviews, judgement ids, intelligence items.
// params:
CREATE CONSTRAINT content_cluster_id IF NOT EXISTS FOR (c:ContentCluster) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT block_key IF NOT EXISTS FOR (b:BlockKey) REQUIRE b.key IS UNIQUE;
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (k:Case) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT review_item_id IF NOT EXISTS FOR (q:ReviewItem) REQUIRE q.id IS UNIQUE;
CREATE CONSTRAINT linker_lock_id IF NOT EXISTS FOR (l:LinkerLock) REQUIRE l.id IS UNIQUE;
CREATE INDEX report_cluster_id IF NOT EXISTS FOR (r:Report) ON (r.cluster_id);
CREATE INDEX report_source_ref IF NOT EXISTS FOR (r:Report) ON (r.source_ref);
CREATE INDEX review_item_status IF NOT EXISTS FOR (q:ReviewItem) ON (q.status);
CREATE INDEX same_content_id IF NOT EXISTS FOR ()-[j:SAME_CONTENT]-() ON (j.id);
CREATE INDEX not_same_id IF NOT EXISTS FOR ()-[j:NOT_SAME]-() ON (j.id);
CREATE INDEX unsure_id IF NOT EXISTS FOR ()-[j:UNSURE]-() ON (j.id);
CREATE CONSTRAINT intel_item_id IF NOT EXISTS FOR (i:IntelItem) REQUIRE i.id IS UNIQUE;
CREATE INDEX intel_item_updated_at IF NOT EXISTS FOR (i:IntelItem) ON (i.updated_at);
CREATE INDEX account_person_id IF NOT EXISTS FOR (a:Account) ON (a.person_id);

// Force views of cases: a case's reports in time order straight from the index, so a case
// with thousands of reports lists its first ones without sorting them all.
// params:
CREATE INDEX report_cluster_received IF NOT EXISTS FOR (r:Report) ON (r.cluster_id, r.received_at);

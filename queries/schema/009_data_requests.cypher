// Data requests to platforms: by id, and by status with their expiry (the expiring queue).
// params:
CREATE CONSTRAINT data_request_id IF NOT EXISTS FOR (q:DataRequest) REQUIRE q.id IS UNIQUE;
CREATE INDEX data_request_status IF NOT EXISTS FOR (q:DataRequest) ON (q.status, q.expires_at);

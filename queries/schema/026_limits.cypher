// Counters every API worker shares (graph/limits/): one LimitCounter per keyed hash, unique so
// two workers' MERGEs meet at one node; found by expiry for the scheduled clean-up.
// params:
CREATE CONSTRAINT limit_counter_key IF NOT EXISTS FOR (c:LimitCounter) REQUIRE c.key IS UNIQUE;
CREATE INDEX limit_counter_expires IF NOT EXISTS FOR (c:LimitCounter) ON (c.expires_at);

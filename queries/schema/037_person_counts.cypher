// What windowed questions about people read instead of every report (docs/STATISTICS.md,
// "Counts kept for people"):
// - VictimIdentity: a victim identity (coalesce(Person.person_id, Person.id)) that could answer
//   repeat victims or campaigns: named in two reports or more, or in a report naming two
//   suspect accounts or more (`reports`, `accounts`: all-time); only these have the counts
//   below, and a report changing cluster moves its entry only where this node is;
// - VictimDay / VictimWeek: such an identity's reports a UTC day and an ISO week, a basis each
//   (`id` = basis|identity|day), with their contents, first and last times and the accounts
//   each names;
// - SuspectsDay / SuspectsWeek: the reports a day and a week naming two suspect accounts or more
//   (one entry a report and account), so prolific persons count such a report once.
// params:
CREATE CONSTRAINT victim_identity_id IF NOT EXISTS FOR (i:VictimIdentity) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT victim_day_id IF NOT EXISTS FOR (d:VictimDay) REQUIRE d.id IS UNIQUE;
CREATE INDEX victim_day_identity IF NOT EXISTS FOR (d:VictimDay) ON (d.identity, d.basis, d.day);
CREATE INDEX victim_day_basis IF NOT EXISTS FOR (d:VictimDay) ON (d.basis, d.day);
CREATE CONSTRAINT victim_week_id IF NOT EXISTS FOR (w:VictimWeek) REQUIRE w.id IS UNIQUE;
CREATE INDEX victim_week_identity IF NOT EXISTS FOR (w:VictimWeek) ON (w.identity, w.basis, w.week);
CREATE INDEX victim_week_basis IF NOT EXISTS FOR (w:VictimWeek) ON (w.basis, w.week);
CREATE CONSTRAINT suspects_day_id IF NOT EXISTS FOR (d:SuspectsDay) REQUIRE d.id IS UNIQUE;
CREATE INDEX suspects_day_basis IF NOT EXISTS FOR (d:SuspectsDay) ON (d.basis, d.day);
CREATE CONSTRAINT suspects_week_id IF NOT EXISTS FOR (w:SuspectsWeek) REQUIRE w.id IS UNIQUE;
CREATE INDEX suspects_week_basis IF NOT EXISTS FOR (w:SuspectsWeek) ON (w.basis, w.week);

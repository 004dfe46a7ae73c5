// Empty the database of its data (tests only), in batches, keeping the markers that say the
// schema and data upgrades were applied (graph/schema.py): the constraints and indexes stay,
// and an empty graph needs no upgrade, so an app starting on it has nothing to prepare.
// params:
MATCH (n) WHERE NOT n:SchemaState AND NOT n:DataUpgrade
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

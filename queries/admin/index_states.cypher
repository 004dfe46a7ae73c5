// Every index (constraints own theirs, under the constraint's name) and its state, for
// `ohch doctor` to check the schema files were applied.
// params:
SHOW INDEXES YIELD name, state
RETURN name, state

// Baseline: the simplest batched write Neo4j can do (benchmarks only).
// params: rows
UNWIND $rows AS row
CREATE (:BenchBaseline {id: row.id, name: row.name, at: row.at})

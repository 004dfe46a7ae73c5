// Benchmark graph (bench/intel_graph.py): the marker of a finished build, if any.
// params:
MATCH (m:BenchIntelGraph {id: 'intel-graph'})
RETURN m.reports AS reports, m.seed AS seed, toString(m.first_at) AS first_at,
       toString(m.last_at) AS last_at, m.summary AS summary

// Benchmark graph (bench/intel_graph.py): the marker a finished build leaves, so bench/intel.py
// --reuse can tell the database holds a whole graph of that size and seed.
// params: reports, seed, first_at, last_at, summary
MERGE (m:BenchIntelGraph {id: 'intel-graph'})
SET m.reports = $reports, m.seed = $seed, m.first_at = datetime($first_at),
    m.last_at = datetime($last_at), m.summary = $summary, m.built_at = datetime()

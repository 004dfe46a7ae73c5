// Benchmark (bench/intel.py): how many intelligence items there are, and the latest update.
// params:
MATCH (i:IntelItem)
RETURN count(i) AS items, max(i.updated_at) AS last

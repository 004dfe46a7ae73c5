// Benchmark (bench/intel.py): the baseline, a trivial indexed lookup measured in the same run.
// params: id
MATCH (r:Report {id: $id})
RETURN r.id AS id

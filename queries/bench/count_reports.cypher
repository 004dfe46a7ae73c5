// Reports in the graph (benchmarks only: how far a bulk run has got).
// params:
MATCH (r:Report)
RETURN count(r) AS n

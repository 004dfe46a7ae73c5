// Empty the intake part of the graph, keeping reference data (benchmarks only).
// params:
MATCH (n)
WHERE NOT (n:Force OR n:PostcodeDistrict OR n:Platform)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS

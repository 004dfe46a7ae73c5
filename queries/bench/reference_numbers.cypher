// Each year's reference numbers and its counter (bench/ingest_killed.py: 1..n, no gap).
// params:
MATCH (r:Report)
WITH split(r.reference, '-') AS part
WITH part[1] AS year, collect(toInteger(part[2])) AS numbers
OPTIONAL MATCH (c:ReferenceCounter) WHERE toString(c.year) = year
RETURN year, numbers, c.last AS last

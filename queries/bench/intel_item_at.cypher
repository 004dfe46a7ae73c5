// Benchmark (bench/intel.py): the update time of the item at a position in export order (the
// start of a partial export's period).
// params: position
MATCH (i:IntelItem)
WITH i ORDER BY i.updated_at, i.id
SKIP $position LIMIT 1
RETURN i.updated_at AS at

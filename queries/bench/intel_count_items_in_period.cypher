// Benchmark (bench/intel.py): how many intelligence items an export of (since, until] must
// account for, counted apart from the export's own paging.
// params: since, until
MATCH (i:IntelItem)
WHERE ($since IS NULL OR i.updated_at > $since) AND i.updated_at <= $until
RETURN count(i) AS items

// Benchmark graph (bench/intel_graph.py): graded intelligence items against their cases, as
// queries/intel/create_item.cypher stores them one at a time.
// params: rows
UNWIND $rows AS row
MATCH (k:Case {id: row.case_id})
CREATE (i:IntelItem {id: row.id, item: row.item, updated_at: datetime(row.updated_at),
                     handling_code: row.handling_code, created_by: row.created_by})
CREATE (k)-[:HAS_INTEL]->(i)

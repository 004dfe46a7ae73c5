// Store a graded intelligence item (its canonical JSON) against its case.
// params: case_id, id, item, updated_at, handling_code, created_by
MATCH (k:Case {id: $case_id})
CREATE (i:IntelItem {id: $id, item: $item, updated_at: $updated_at,
                     handling_code: $handling_code, created_by: $created_by})
CREATE (k)-[:HAS_INTEL]->(i)

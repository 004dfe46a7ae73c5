// The data upgrades (queries/upgrades/) that still have work to do, by name: for `ohch doctor`.
// Each upgrade has a test here; a unit test checks every upgrade file is named in this one.
// params:
RETURN [name IN [
  // 001_block_key_lists leaves no BLOCKS edge behind.
  CASE WHEN EXISTS { MATCH (:BlockKey)-[:BLOCKS]->() } THEN '001_block_key_lists' END,
  // 002_report_days leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '002_report_days'}) }
       THEN '002_report_days' END
] WHERE name IS NOT NULL] AS pending

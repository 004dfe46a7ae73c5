// The data upgrades (queries/upgrades/) that still have work to do, by name: for `ohch doctor`.
// Each upgrade has a test here; a unit test checks every upgrade file is named in this one.
// params:
RETURN [name IN [
  // 001_block_key_lists leaves no BLOCKS edge behind.
  CASE WHEN EXISTS { MATCH (:BlockKey)-[:BLOCKS]->() } THEN '001_block_key_lists' END,
  // 002_report_days leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '002_report_days'}) }
       THEN '002_report_days' END,
  // 003_report_times leaves no report without the time it was reported.
  CASE WHEN EXISTS { MATCH (r:Report) WHERE r.reported_at IS NULL } THEN '003_report_times' END,
  // 004_report_days_by_basis leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '004_report_days_by_basis'}) }
       THEN '004_report_days_by_basis' END,
  // 005_report_weeks leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '005_report_weeks'}) }
       THEN '005_report_weeks' END,
  // 006_judgement_times leaves no judgement whose time is text.
  CASE WHEN EXISTS {
         MATCH ()-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE|SAME_CONTENT|NOT_SAME|UNSURE]->()
         WHERE j.at IS :: STRING
       } THEN '006_judgement_times' END,
  // 007_content_counts leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '007_content_counts'}) }
       THEN '007_content_counts' END,
  // 008_person_counts leaves its marker.
  CASE WHEN NOT EXISTS { MATCH (:DataUpgrade {id: '008_person_counts'}) }
       THEN '008_person_counts' END,
  // 009_pdq_dihedral leaves no evidence file with the old mirror hash property.
  CASE WHEN EXISTS { MATCH (f:EvidenceFile) WHERE f.pdq_mirror IS NOT NULL }
       THEN '009_pdq_dihedral' END
] WHERE name IS NOT NULL] AS pending

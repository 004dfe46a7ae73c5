// After a killed bulk run and its rerun (bench/ingest_killed.py): reports, distinct source refs
// and references, reports linked to a content, and reports naming a content that is missing.
// params:
MATCH (r:Report)
WITH count(r) AS reports, count(DISTINCT r.source + '|' + r.source_ref) AS source_refs,
     count(DISTINCT r.reference) AS references, count(r.cluster_id) AS linked
OPTIONAL MATCH (lost:Report)
  WHERE lost.cluster_id IS NOT NULL AND NOT EXISTS { (:ContentCluster {id: lost.cluster_id}) }
RETURN reports, source_refs, references, linked, count(lost) AS unlinked

// Benchmark (bench/intel.py): what the measured queries ask about, drawn through random reports
// (so a busy post or account is drawn as often as analysts meet it): the report, its content
// cluster and case, the case's force, an account it names or whose post it is about, a victim.
// params: source_refs
UNWIND $source_refs AS ref
MATCH (r:Report {source_ref: ref})
MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id})
RETURN r.id AS report_id, r.source_ref AS source_ref, r.cluster_id AS content_id,
       k.id AS case_id,
       COLLECT { MATCH (k)-[:ASSIGNED_TO]->(f:Force) RETURN f.code }[0] AS force_code,
       COLLECT {
         MATCH (r)-[:NAMES_SUSPECT]->(a:Account) RETURN a {.key, .platform, .handle, .person_id}
         UNION
         MATCH (r)-[:ABOUT]->(:Content)<-[:POSTED]-(a:Account)
         RETURN a {.key, .platform, .handle, .person_id}
       }[0] AS account,
       COLLECT { MATCH (v:Person)-[:VICTIM_IN]->(r) RETURN v {.id, .person_id} }[0] AS victim

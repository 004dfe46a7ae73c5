// CPU time the Neo4j server process has used, in nanoseconds, and its processors
// (benchmarks only: where a referral's time goes).
// params:
CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes
RETURN attributes.ProcessCpuTime.value AS cpu_ns, attributes.AvailableProcessors.value AS processors

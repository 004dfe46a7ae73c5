// Time the Neo4j server's JIT compilers have spent compiling so far, in milliseconds
// (benchmarks only: a server is warm once its JIT has all but stopped compiling).
// params:
CALL dbms.queryJmx('java.lang:type=Compilation') YIELD attributes
RETURN attributes.TotalCompilationTime.value AS ms

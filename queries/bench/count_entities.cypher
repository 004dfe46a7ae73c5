// Nodes and relationships in the graph, from Neo4j's count store (benchmarks only: graph
// writes a referral adds, compared with the baseline's rows).
// params:
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships

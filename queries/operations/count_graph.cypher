// Nodes and relationships in the graph (Neo4j's count store answers both at once).
// params:
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships

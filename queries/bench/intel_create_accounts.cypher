// Benchmark graph (bench/intel_graph.py): accounts first named in this batch, on their
// platform, as intake's MERGE leaves them (the generator knows which accounts are new).
// params: rows
UNWIND $rows AS row
MERGE (pl:Platform {id: row.platform})
CREATE (a:Account {key: row.key, platform: row.platform, handle: row.handle})
CREATE (a)-[:ON_PLATFORM]->(pl)

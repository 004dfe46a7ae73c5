// Benchmark graph (bench/intel_graph.py): posts first reported in this batch, on their platform
// and posted by their author when the URL names one, as intake's MERGE leaves them.
// params: rows
UNWIND $rows AS row
MERGE (pl:Platform {id: row.platform})
CREATE (c:Content {id: row.id, post_key: row.post_key, platform: row.platform, url: row.url,
                   first_reported_at: datetime(row.first_reported_at)})
CREATE (c)-[:HOSTED_ON]->(pl)
WITH c, row WHERE row.author_key IS NOT NULL
MATCH (a:Account {key: row.author_key})
CREATE (a)-[:POSTED]->(c)

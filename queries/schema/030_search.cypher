// The staff workspace's search (services/search.py): people by name, folded (lower case,
// accents removed) by the full-text index's analyser, and content by its cleaned address.
// params:
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (p:Person) ON EACH [p.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE INDEX content_url IF NOT EXISTS FOR (c:Content) ON (c.url);

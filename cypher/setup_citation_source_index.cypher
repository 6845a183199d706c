CREATE INDEX citation_source IF NOT EXISTS FOR (c:Citation) ON (c.source)

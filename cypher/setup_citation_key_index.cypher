CREATE INDEX citation_key IF NOT EXISTS FOR (c:Citation) ON (c.key)

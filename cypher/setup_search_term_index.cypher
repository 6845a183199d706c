CREATE INDEX search_term IF NOT EXISTS FOR (t:SearchTerm) ON (t.term)

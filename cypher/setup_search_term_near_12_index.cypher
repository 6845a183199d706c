CREATE INDEX search_term_near_12 IF NOT EXISTS FOR (t:SearchTerm) ON (t.near_12)

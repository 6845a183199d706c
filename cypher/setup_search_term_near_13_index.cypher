CREATE INDEX search_term_near_13 IF NOT EXISTS FOR (t:SearchTerm) ON (t.near_13)

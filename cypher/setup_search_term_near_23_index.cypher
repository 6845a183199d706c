CREATE INDEX search_term_near_23 IF NOT EXISTS FOR (t:SearchTerm) ON (t.near_23)

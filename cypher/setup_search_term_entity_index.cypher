CREATE INDEX search_term_entity IF NOT EXISTS FOR (t:SearchTerm) ON (t.entity)

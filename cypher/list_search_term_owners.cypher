MATCH (t:SearchTerm)
RETURN DISTINCT t.entity AS key

MATCH (t:SearchTerm)
DELETE t

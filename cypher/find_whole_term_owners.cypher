UNWIND $terms AS term
MATCH (t:SearchTerm {term: term})
WHERE t.whole
RETURN DISTINCT t.entity AS id

UNWIND $terms AS term
MATCH (t:SearchTerm {term: term})
WHERE t.whole AND NOT t.entity IN $ids
WITH DISTINCT t.entity AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.name AS name, n.aliases AS aliases,
       [(n)--(m:Entity) WHERE m.id IN $ids | m.id] AS related

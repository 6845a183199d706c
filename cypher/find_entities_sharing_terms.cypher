MATCH (n:Entity)
WHERE any(term IN n.search_terms WHERE term IN $terms) AND NOT n.id IN $ids
RETURN n.id AS id, n.name AS name, n.aliases AS aliases,
       [(n)--(m:Entity) WHERE m.id IN $ids | m.id] AS related

MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id > $after
WITH a, r, b
ORDER BY r.id
LIMIT $limit
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props

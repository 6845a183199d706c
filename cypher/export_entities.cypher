MATCH (n:Entity)
WHERE n.id > $after
WITH n
ORDER BY n.id
LIMIT $limit
RETURN labels(n) AS labels, properties(n) AS props

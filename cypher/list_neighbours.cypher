UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($direction = 'BOTH' OR ($direction = 'OUT' AND startNode(r) = n)
       OR ($direction = 'IN' AND endNode(r) = n))
  AND ($asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $asOf)
       AND (r.valid_to IS NULL OR r.valid_to >= $asOf)))
WITH DISTINCT r, m
ORDER BY r.id
LIMIT $limit
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS rel,
       labels(m) AS labels, properties(m) AS node

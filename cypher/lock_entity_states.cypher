UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._revision = coalesce(n._revision, 0) + 1
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props

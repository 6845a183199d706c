MATCH (n:Entity {id: $id})
WHERE NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS deleted

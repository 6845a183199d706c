MATCH (n:Entity:__KIND__ {id: $id})
WHERE NOT EXISTS { (n)--() }
DELETE n
RETURN count(*) AS deleted

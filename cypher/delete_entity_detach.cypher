MATCH (n:Entity:__KIND__ {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted

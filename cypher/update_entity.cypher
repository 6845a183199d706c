MATCH (n:Entity:__KIND__ {id: $id})
SET n = $props
RETURN n.id AS id

CREATE (n:Entity:__KIND__)
SET n = $props
RETURN n.id AS id

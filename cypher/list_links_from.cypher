// The stored relationships of one type leaving the entities of $ids (loading checks them).
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[:__TYPE__]->(b:Entity)
RETURN a.id AS from, b.id AS to

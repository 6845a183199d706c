// The stored relationships of one type ending at the entities of $ids (loading checks them).
UNWIND $ids AS id
MATCH (b:Entity {id: id})<-[:__TYPE__]-(a:Entity)
RETURN a.id AS from, b.id AS to

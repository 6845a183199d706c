UNWIND $outsiders AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.name AS name, n.aliases AS aliases,
       [(n)--(m:Entity) WHERE m.id IN $ids | m.id] AS related

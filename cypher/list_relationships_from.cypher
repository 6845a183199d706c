UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props

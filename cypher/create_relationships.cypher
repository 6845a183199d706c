UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(r) AS written

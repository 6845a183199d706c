UNWIND $rows AS row
MERGE (n:Entity:__KIND__ {id: row.id})
SET n = row.props

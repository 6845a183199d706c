MATCH (:Entity {id: $from})-[r:__TYPE__ {id: $id}]->(:Entity {id: $to})
RETURN properties(r) AS props

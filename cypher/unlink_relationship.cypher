MATCH (:Entity {id: $from})-[r:__TYPE__ {id: $id}]->(:Entity {id: $to})
DELETE r
RETURN count(*) AS deleted

// One hop from each frontier node, following incoming relationships. __TYPE__ becomes the alternation of
// the relationship types to follow, filled from the ontology in code. The limit applies
// per node inside the subquery, so a hub yields $limit relationships, not all of them.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)<-[r:__TYPE__]-(m:Entity)
  WHERE $asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $asOf)
        AND (r.valid_to IS NULL OR r.valid_to >= $asOf))
  RETURN r, m
  LIMIT $limit
}
WITH DISTINCT r, m
ORDER BY r.id
LIMIT $limit
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS rel,
       labels(m) AS labels, properties(m) AS node

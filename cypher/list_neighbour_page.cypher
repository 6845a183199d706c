// One page of an entity's neighbours with, in the same round trip, how many relationships
// it has per type and direction (the counts ignore the type and direction filters, so a
// client can offer them; `asOf` applies to both). Pages are ordered by type, the other
// entity's name and the relationship's key, so an offset names the same place each time.
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE m <> n
    AND ($asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $asOf)
         AND (r.valid_to IS NULL OR r.valid_to >= $asOf)))
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END AS direction
  WITH type, direction, count(*) AS count
  ORDER BY type, direction
  RETURN collect({type: type, direction: direction, count: count}) AS counts
}
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE m <> n
    AND ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT' AND startNode(r) = n)
         OR ($direction = 'IN' AND endNode(r) = n))
    AND ($asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $asOf)
         AND (r.valid_to IS NULL OR r.valid_to >= $asOf)))
  WITH r, m
  ORDER BY type(r), m.name, r.id
  SKIP $start
  LIMIT $limit
  RETURN collect({
    type: type(r), from: startNode(r).id, to: endNode(r).id, rel: properties(r),
    labels: labels(m), node: properties(m)
  }) AS page
}
RETURN counts, page

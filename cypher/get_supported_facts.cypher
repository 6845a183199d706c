// A supportedBy page: the source, its entities by key, its relationships by their ends and
// key (ends first, through the Entity.id index).
CALL () {
  OPTIONAL MATCH (s:Entity {id: $source})
  RETURN CASE WHEN s IS NULL THEN null ELSE {labels: labels(s), props: properties(s)} END AS source
}
CALL () {
  UNWIND $entityIds AS id
  MATCH (n:Entity {id: id})
  RETURN collect({labels: labels(n), props: properties(n)}) AS entities
}
CALL () {
  UNWIND $relationshipKeys AS f
  MATCH (a:Entity {id: f.from})-[r]->(b:Entity {id: f.to})
  WHERE r.id = f.key
  RETURN collect({type: type(r), from: a.id, to: b.id, rel: properties(r)}) AS relationships
}
RETURN source, entities, relationships

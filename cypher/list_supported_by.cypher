OPTIONAL MATCH (s:Source {id: $source})
CALL () {
  MATCH (n:Entity)
  WHERE $source IN n.sources
  WITH n
  ORDER BY n.id
  RETURN collect({labels: labels(n), props: properties(n)}) AS entities
}
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE $source IN r.sources
  WITH a, r, b
  ORDER BY r.id
  RETURN collect({type: type(r), from: a.id, to: b.id, rel: properties(r)}) AS relationships
}
WITH s, entities, relationships, size(entities) AS entityCount, $start AS start, $stop AS stop
WITH s, entities, relationships, entityCount, start, stop,
     CASE WHEN start > entityCount THEN start - entityCount ELSE 0 END AS relStart,
     CASE WHEN stop > entityCount THEN stop - entityCount ELSE 0 END AS relStop
RETURN CASE WHEN s IS NULL THEN null ELSE {labels: labels(s), props: properties(s)} END AS source,
       entityCount, size(relationships) AS relationshipCount,
       entities[start..stop] AS entityPage, relationships[relStart..relStop] AS relationshipPage

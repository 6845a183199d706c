// The source's Citation nodes by index seek (the first MATCH stays alone so ArcadeDB's
// optimiser plans it as one), then only the page's entities and relationships are read.
MATCH (c:Citation)
WHERE c.source = $source
WITH c
ORDER BY c.key
WITH collect(c {.fact, .key, .from, .to}) AS citations
WITH [c IN citations WHERE c.fact = 'entity'] AS entities,
     [c IN citations WHERE c.fact = 'relationship'] AS relationships
WITH entities, relationships, size(entities) AS entityCount, $start AS start, $stop AS stop
WITH entities, relationships, entityCount, start, stop,
     CASE WHEN start > entityCount THEN start - entityCount ELSE 0 END AS relStart,
     CASE WHEN stop > entityCount THEN stop - entityCount ELSE 0 END AS relStop
RETURN COLLECT {
         MATCH (s:Entity {id: $source})
         RETURN {labels: labels(s), props: properties(s)}
       } AS source,
       entityCount, size(relationships) AS relationshipCount,
       [e IN entities[start..stop] | COLLECT {
         MATCH (n:Entity {id: e.key})
         RETURN {labels: labels(n), props: properties(n)}
       }] AS entityPage,
       [f IN relationships[relStart..relStop] | COLLECT {
         MATCH (a:Entity {id: f.from})-[r]->(b:Entity {id: f.to})
         WHERE r.id = f.key
         RETURN {type: type(r), from: a.id, to: b.id, rel: properties(r)}
       }] AS relationshipPage

// The source's Citation nodes by index seek. The query is that MATCH alone, then
// aggregation: ArcadeDB plans an index seek only then. The page's facts are read by key
// afterwards (get_supported_facts).
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
RETURN entityCount, size(relationships) AS relationshipCount,
       [e IN entities[start..stop] | e.key] AS entityIds,
       relationships[relStart..relStop] AS relationshipKeys

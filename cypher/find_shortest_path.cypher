// __TYPE__ becomes the alternation of the relationship types to follow (all of them by
// default), filled from the ontology in code: a predicate on relationships(p) would be
// applied during the search by Neo4j but only after it by ArcadeDB. The literal 6 is the
// hard ceiling (a variable-length bound cannot be a parameter); `maxHops` filters after
// the search, which is exact because the path found is already the shortest.
MATCH (a:Entity {id: $from})
WITH a
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:__TYPE__*..6]-(b))
WITH p
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | {labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) |
         {type: type(r), from: startNode(r).id, to: endNode(r).id, rel: properties(r)}] AS edges

// The paths of exactly 3 hops (the resolver asks for 1 hop, then 2, ... and stops once it
// has `first` paths, so longer paths are never enumerated when shorter ones suffice).
// __TYPE__ becomes the alternation of the relationship types to follow, filled from the
// ontology in code. Paths never visit a node twice; ties broken by the keys along the path.
MATCH (a:Entity {id: $from})
WITH a
MATCH (b:Entity {id: $to})
MATCH p = (a)-[:__TYPE__*3..3]-(b)
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH p,
     reduce(key = '', n IN nodes(p) | key + n.id + ' ') AS nodeKey,
     reduce(key = '', r IN relationships(p) | key + coalesce(r.id, '') + ' ') AS edgeKey
ORDER BY nodeKey, edgeKey
LIMIT $first
RETURN [n IN nodes(p) | {labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) |
         {type: type(r), from: startNode(r).id, to: endNode(r).id, rel: properties(r)}] AS edges

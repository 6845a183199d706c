// __TYPE__ becomes the alternation of the relationship types to follow, filled from the
// ontology in code. The literal 4 is the hard ceiling (a variable-length bound cannot be a
// parameter); `maxHops` narrows it. Paths never visit a node twice; shortest first, ties
// broken by the keys along the path so pages are stable.
MATCH (a:Entity {id: $from})
WITH a
MATCH (b:Entity {id: $to})
MATCH p = (a)-[:__TYPE__*1..4]-(b)
WHERE length(p) <= $maxHops
  AND all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
WITH p, length(p) AS hops,
     reduce(key = '', n IN nodes(p) | key + n.id + ' ') AS nodeKey,
     reduce(key = '', r IN relationships(p) | key + coalesce(r.id, '') + ' ') AS edgeKey
ORDER BY hops, nodeKey, edgeKey
LIMIT $first
RETURN [n IN nodes(p) | {labels: labels(n), props: properties(n)}] AS nodes,
       [r IN relationships(p) |
         {type: type(r), from: startNode(r).id, to: endNode(r).id, rel: properties(r)}] AS edges

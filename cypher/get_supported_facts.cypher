// The relationships of a supportedBy page by their ends and key (ends first, through the
// Entity.id index); the source and the page's entities are read through api/translate.
UNWIND $relationshipKeys AS f
MATCH (a:Entity {id: f.from})-[r]->(b:Entity {id: f.to})
WHERE r.id = f.key
RETURN collect({type: type(r), from: a.id, to: b.id, rel: properties(r)}) AS relationships

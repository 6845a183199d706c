MATCH (n:Entity {id: $id})
RETURN [(n)-[r]-(:Entity) | r.id] AS relationships,
       COUNT { MATCH (c:Citation {source: $id}) WHERE c.fact = 'entity' } AS citingEntities,
       COUNT { MATCH (c:Citation {source: $id}) WHERE c.fact = 'relationship' } AS citingRelationships

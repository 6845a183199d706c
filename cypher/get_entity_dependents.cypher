MATCH (n:Entity {id: $id})
RETURN [(n)-[r]-(:Entity) | r.id] AS relationships,
       COUNT { MATCH (m:Entity) WHERE $id IN m.sources } AS citingEntities,
       COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $id IN r.sources } AS citingRelationships

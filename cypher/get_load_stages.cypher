MATCH (s:LoadStage {load: $load})
RETURN s.number AS number, s.entities AS entities, s.relationships AS relationships
ORDER BY number DESC

MATCH (s:LoadStage {load: $load})
DELETE s

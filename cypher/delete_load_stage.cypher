MATCH (s:LoadStage {load: $load, number: $number})
DELETE s

CREATE (s:LoadStage)
SET s = $stage

MATCH (s:LoadStage)
RETURN s.load AS load, s.host AS host, s.pid AS pid, max(s.written_at) AS last_written

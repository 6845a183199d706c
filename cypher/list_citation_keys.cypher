MATCH (c:Citation)
RETURN DISTINCT c.key AS key

MATCH (c:Citation)
DELETE c

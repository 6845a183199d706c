UNWIND $keys AS key
MATCH (c:Citation {key: key})
DELETE c

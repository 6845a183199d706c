// A link in one statement (api.mutations.links): the relationship merged (a repeated link
// replaces its properties), its citations replaced, and its audit entry written.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MERGE (a)-[r:__TYPE__ {id: $id}]->(b)
SET r = $props
WITH r
OPTIONAL MATCH (old:Citation {key: $id})
WITH r, collect(old) AS citations
FOREACH (old IN citations | DELETE old)
FOREACH (entry IN $citations | CREATE (c:Citation) SET c = entry)
CREATE (entry:AuditEntry)
SET entry = $audit
RETURN count(r) AS linked

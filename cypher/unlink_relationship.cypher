// An unlink in one statement (api.mutations.links): the relationship, its citations, and
// its audit entry written.
MATCH (:Entity {id: $from})-[r:__TYPE__ {id: $id}]->(:Entity {id: $to})
DELETE r
WITH count(*) AS deleted
OPTIONAL MATCH (old:Citation {key: $id})
WITH deleted, collect(old) AS citations
FOREACH (old IN citations | DELETE old)
CREATE (entry:AuditEntry)
SET entry = $audit
RETURN deleted

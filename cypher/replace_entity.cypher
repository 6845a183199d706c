// An update in one statement (api.mutations.update): the entity's properties, search terms
// and citations replaced, and its audit entry written.
MATCH (n:Entity {id: $id})
SET n = $props
WITH n
OPTIONAL MATCH (old:SearchTerm {entity: $id})
WITH n, collect(old) AS terms
OPTIONAL MATCH (old:Citation {key: $id})
WITH n, terms, collect(old) AS citations
FOREACH (old IN terms + citations | DELETE old)
FOREACH (entry IN $search_terms | CREATE (t:SearchTerm) SET t = entry)
FOREACH (entry IN $citations | CREATE (c:Citation) SET c = entry)
CREATE (a:AuditEntry)
SET a = $audit
RETURN count(n) AS replaced

// A delete in one statement (api.mutations.delete): the entity (with its relationships when
// $detach; otherwise only if it has none), its search terms, the citations of $keys (it
// and its relationships) and its audit entry. `deleted` is 0 when nothing matched: the
// mutation then rolls everything back.
OPTIONAL MATCH (n:Entity {id: $id})
WHERE $detach OR NOT EXISTS { (n)--() }
WITH collect(n) AS found
FOREACH (n IN found | DETACH DELETE n)
WITH found
OPTIONAL MATCH (old:SearchTerm {entity: $id})
WITH found, collect(old) AS terms
CALL () {
  UNWIND $keys AS key
  MATCH (old:Citation {key: key})
  RETURN collect(old) AS citations
}
FOREACH (old IN terms + citations | DELETE old)
CREATE (a:AuditEntry)
SET a = $audit
RETURN size(found) AS deleted

// A create checked and written in one statement (api.mutations.checked_writes): the entity,
// its search terms, its citations and its audit entry, only if its id is free, each of
// $sources is a Source and no other entity owns one of its whole $terms (but $namesakes,
// whose names the service has compared). Otherwise nothing is written but the citation
// locks, and the row says what was found. The locks come first: on Neo4j a delete of a
// source holding them makes this wait, and then read the graph without that source.
FOREACH (key IN $locks |
  MERGE (lock:CitationLock {key: key})
  SET lock.writes = coalesce(lock.writes, 0) + 1
)
WITH 1 AS locked
OPTIONAL MATCH (taken:Entity {id: $id})
CALL () {
  UNWIND $sources AS id
  MATCH (source:Entity {id: id})
  WHERE source:Source
  RETURN count(source) AS sources
}
CALL () {
  UNWIND $terms AS term
  MATCH (t:SearchTerm {term: term})
  WHERE t.whole AND t.entity <> $id AND NOT t.entity IN $namesakes
  RETURN collect(DISTINCT t.entity) AS namesakes
}
WITH taken, namesakes, taken IS NULL AND sources = size($sources) AND size(namesakes) = 0 AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
  CREATE (n:Entity:__KIND__ $props)
  FOREACH (entry IN $search_terms | CREATE (t:SearchTerm) SET t = entry)
  FOREACH (entry IN $citations | CREATE (c:Citation) SET c = entry)
  CREATE (a:AuditEntry $audit)
)
RETURN free AS created, taken IS NOT NULL AS taken, namesakes

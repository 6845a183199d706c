// A create checked and written in one statement (api.mutations.create_entity): the entity,
// its search terms, its citations and its audit entry, and a write to each source it
// cites (see api.mutations.state), only if its id is free, each of $sources is a Source
// and no other entity owns one of its whole $terms (but those of $namesakes, whose names
// the service has compared). Otherwise nothing is written, and the row says what was found.
OPTIONAL MATCH (taken:Entity {id: $row.id})
CALL () {
  UNWIND $sources AS id
  MATCH (source:Entity {id: id})
  WHERE source:Source
  RETURN collect(source) AS sources
}
CALL () {
  UNWIND $terms AS term
  MATCH (t:SearchTerm {term: term})
  WHERE t.whole AND t.entity <> $row.id AND NOT t.entity IN $namesakes
  RETURN collect(DISTINCT t.entity) AS namesakes
}
WITH taken, sources, namesakes,
     taken IS NULL AND size(sources) = size($sources) AND size(namesakes) = 0 AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
  CREATE (n:Entity:__KIND__)
  SET n = $row.props
  FOREACH (entry IN $search_terms | CREATE (t:SearchTerm) SET t = entry)
  FOREACH (entry IN $citations | CREATE (c:Citation) SET c = entry)
  CREATE (a:AuditEntry)
  SET a = $audit
  FOREACH (source IN sources | SET source._revision = coalesce(source._revision, 0) + 1)
)
RETURN free AS created, taken IS NOT NULL AS taken, [s IN sources | s.id] AS sources,
       namesakes

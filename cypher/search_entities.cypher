// One index range scan over the compact search terms (see text_search.indexed_terms). The
// query is that MATCH alone, then aggregation: ArcadeDB plans a range scan only then. The
// page's entities are read by key afterwards, in one batch. Ranks: the name itself 0, a
// whole name or alias 1, one starting with the query 2, a word inside a name starting
// with it 3.
MATCH (t:SearchTerm)
WHERE t.term STARTS WITH $term
WITH t.entity AS id, t.kind AS kind, t.name AS name,
     min(CASE
       WHEN NOT t.whole THEN 3
       WHEN t.term <> $term THEN 2
       WHEN t.name_form IN $forms THEN 0
       ELSE 1
     END) AS rank
WHERE $kinds IS NULL OR kind IN $kinds
WITH id, rank
ORDER BY rank, name, id
WITH collect({id: id, rank: rank}) AS rows
RETURN size(rows) AS total, rows[$start..$stop] AS page

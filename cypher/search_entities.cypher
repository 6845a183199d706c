// One index range scan over the compact search terms (see text_search.indexed_terms). The
// query is that MATCH alone, then aggregation: ArcadeDB plans a range scan only then. The
// page's entities are read by key afterwards, in one batch. Ranks: the name itself 0, a
// whole name or alias 1, one starting with the query 2, a word inside a name starting
// with it 3. Each entity keeps its best rank with the name or alias that gave it, as
// written (`best` is the rank's digit followed by that text, so `min` picks both). The
// best rank of all tells whether the query is someone's name or alias.
MATCH (t:SearchTerm)
WHERE t.term STARTS WITH $term
WITH t.entity AS id, t.kind AS kind, t.name AS name,
     min(toString(CASE
       WHEN NOT t.whole THEN 3
       WHEN t.term <> $term THEN 2
       WHEN t.name_form IN $forms THEN 0
       ELSE 1
     END) + coalesce(t.text, '')) AS best
WHERE $kinds IS NULL OR kind IN $kinds
WITH id, kind, name, toInteger(left(best, 1)) AS rank, substring(best, 1) AS text
ORDER BY rank, name, id
WITH collect({id: id, rank: rank, kind: kind, name: name, text: text}) AS rows
RETURN size(rows) AS total, rows[$start..$stop] AS page, head(rows).rank AS best

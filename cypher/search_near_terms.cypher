// Near matches: stored terms one edit from the compact query, $compact (see
// text_search.near_keys). Three index seeks, one per pair of a term's parts; each
// candidate is then compared at its first letter that differs from the query (one letter
// replaced, inserted or deleted, or two neighbours swapped), so only real near matches
// leave the graph; an entity that also matches exactly (one of its terms starts with the
// query) is left to the exact search. At most $limit entities, each with its near terms.
UNWIND $near_12 AS key
MATCH (a:SearchTerm {near_12: key})
WITH collect(a {.entity, .kind, .name, .term, .whole, .text}) AS one
UNWIND $near_13 AS key
OPTIONAL MATCH (b:SearchTerm {near_13: key})
WITH one, collect(b {.entity, .kind, .name, .term, .whole, .text}) AS two
UNWIND $near_23 AS key
OPTIONAL MATCH (c:SearchTerm {near_23: key})
WITH one, two, collect(c {.entity, .kind, .name, .term, .whole, .text}) AS three
UNWIND one + two + three AS t
WITH DISTINCT t
WHERE $kinds IS NULL OR t.kind IN $kinds
WITH t, size(t.term) AS n, size($compact) AS m
WITH t, n, m,
     head([i IN range(0, m - 1)
           WHERE i >= n OR substring(t.term, i, 1) <> substring($compact, i, 1)] + [m]) AS i
WHERE CASE
  WHEN i >= m THEN false
  WHEN m = n + 1 THEN substring(t.term, i) = substring($compact, i + 1)
  WHEN m = n - 1 THEN substring(t.term, i + 1) = substring($compact, i)
  WHEN substring(t.term, i + 1) = substring($compact, i + 1) THEN true
  WHEN i + 1 < m THEN substring(t.term, i, 1) = substring($compact, i + 1, 1)
    AND substring(t.term, i + 1, 1) = substring($compact, i, 1)
    AND substring(t.term, i + 2) = substring($compact, i + 2)
  ELSE false
END
WITH t.entity AS id, t.kind AS kind, t.name AS name,
     collect({term: t.term, whole: t.whole, text: t.text}) AS near
MATCH (s:SearchTerm {entity: id})
WITH id, kind, name, near, collect(s.term) AS terms
WHERE none(other IN terms WHERE other STARTS WITH $compact)
RETURN id, kind, name, near
LIMIT $limit

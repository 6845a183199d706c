MATCH (n:Entity)
WHERE $kinds IS NULL OR any(label IN labels(n) WHERE label IN $kinds)
WITH n, CASE
    WHEN head(n.search_terms) IN $forms THEN 0
    WHEN any(term IN n.search_terms WHERE term IN $forms) THEN 1
    WHEN any(term IN n.search_terms WHERE any(form IN $forms WHERE term STARTS WITH form)) THEN 2
    WHEN any(term IN n.search_terms WHERE any(form IN $forms WHERE term CONTAINS form)) THEN 3
  END AS rank
WHERE rank IS NOT NULL
WITH n, rank
ORDER BY rank, n.name, n.id
WITH collect({labels: labels(n), props: properties(n), rank: rank}) AS rows
WITH size(rows) AS total, rows[$start..$stop] AS page
RETURN total, page

MATCH (n:__KIND__)
WITH n
ORDER BY n.name, n.id
WITH collect(n) AS rows
WITH size(rows) AS total, rows[$start..$stop] AS page
RETURN total, [n IN page | {labels: labels(n), props: properties(n)}] AS page

MATCH (n:__KIND__)
// entity-filter:begin
WHERE $filter IS NULL OR any(g IN $filter WHERE all(c IN g WHERE c.negate <> coalesce(
  (c.kind = 'value' AND any(v IN [x IN CASE
        WHEN c.source = 'name' THEN [head(n.search_terms), replace(head(n.search_terms), ' ', '')]
        WHEN c.list THEN coalesce(n[c.prop], [])
        ELSE [n[c.prop]] END
      | CASE WHEN c.fold THEN reduce(s = toLower(x), p IN $fold | replace(s, p[0], p[1])) ELSE x END]
    WHERE (c.op = 'eq' AND v = c.value)
      OR (c.op = 'in' AND v IN c.values)
      OR (c.op = 'gt' AND v > c.value)
      OR (c.op = 'gte' AND v >= c.value)
      OR (c.op = 'lt' AND v < c.value)
      OR (c.op = 'lte' AND v <= c.value)
      OR (c.op = 'contains' AND any(f IN c.values WHERE v CONTAINS f))
      OR (c.op = 'startsWith' AND any(f IN c.values WHERE v STARTS WITH f))))
  OR (c.kind = 'rel' AND EXISTS {
    MATCH (n)-[r]-(m:Entity)
    WHERE type(r) = c.relType
      AND ((c.direction = 'OUT' AND startNode(r) = n) OR (c.direction = 'IN' AND endNode(r) = n))
      AND c.every <> any(h IN c.groups WHERE all(d IN h WHERE d.negate <> coalesce(
        any(v IN [x IN CASE
              WHEN d.source = 'rel' THEN [r[d.prop]]
              WHEN d.source = 'name' THEN [head(m.search_terms), replace(head(m.search_terms), ' ', '')]
              WHEN d.list THEN coalesce(m[d.prop], [])
              ELSE [m[d.prop]] END
            | CASE WHEN d.fold THEN reduce(s = toLower(x), p IN $fold | replace(s, p[0], p[1])) ELSE x END]
          WHERE (d.op = 'eq' AND v = d.value)
            OR (d.op = 'in' AND v IN d.values)
            OR (d.op = 'gt' AND v > d.value)
            OR (d.op = 'gte' AND v >= d.value)
            OR (d.op = 'lt' AND v < d.value)
            OR (d.op = 'lte' AND v <= d.value)
            OR (d.op = 'contains' AND any(f IN d.values WHERE v CONTAINS f))
            OR (d.op = 'startsWith' AND any(f IN d.values WHERE v STARTS WITH f))), false)))
  }), false)))
// entity-filter:end
WITH n, [k IN $order | CASE k.source
    WHEN 'prop' THEN n[k.field]
    WHEN 'related' THEN reduce(best = null, v IN [(n)-[r]-(:Entity)
        WHERE type(r) = k.relType
          AND ((k.direction = 'OUT' AND startNode(r) = n) OR (k.direction = 'IN' AND endNode(r) = n))
          AND (k.year IS NULL OR r.year = k.year) | r[k.field]]
      | CASE WHEN v IS NULL THEN best WHEN best IS NULL THEN v
             WHEN k.desc AND v > best THEN v WHEN NOT k.desc AND v < best THEN v ELSE best END)
  END] AS keys
WITH n, keys, [i IN range(0, size(keys) - 1) | CASE WHEN $order[i].desc THEN null ELSE keys[i] END] AS asc,
     [i IN range(0, size(keys) - 1) | CASE WHEN $order[i].desc THEN keys[i] END] AS desc
ORDER BY keys[0] IS NULL, asc[0], desc[0] DESC, keys[1] IS NULL, asc[1], desc[1] DESC,
         keys[2] IS NULL, asc[2], desc[2] DESC, n.id
WITH collect(n) AS rows
WITH size(rows) AS total, rows[$start..$stop] AS page
RETURN total, [n IN page | {labels: labels(n), props: properties(n)}] AS page

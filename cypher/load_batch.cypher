CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS entities
}
CALL () {
  UNWIND $requests AS req
  MATCH (n:Entity {id: req.id})
  // A derived side (the ontology's incoming_through): also the relationships ending at the
  // entities n reaches by that type, e.g. an award edition's categories.
  CALL (n, req) {
    UNWIND CASE WHEN req.through IS NULL THEN [] ELSE [req.through] END AS through
    MATCH (n)-[h]->(part:Entity)
    WHERE type(h) = through
    RETURN collect(part) AS parts
  }
  CALL (n, req, parts) {
    UNWIND [n] + parts AS via
    MATCH (via)-[r]-(m:Entity)
    WHERE type(r) = req.type
      AND ((req.direction = 'OUT' AND startNode(r) = via) OR (req.direction = 'IN' AND endNode(r) = via))
      AND (req.asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= req.asOf)
           AND (r.valid_to IS NULL OR r.valid_to >= req.asOf)))
      AND (req.year IS NULL OR r.year = req.year)
      // edge-filter:begin
      AND (req.filter IS NULL OR any(h IN req.filter WHERE all(d IN h WHERE d.negate <> coalesce(
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
            OR (d.op = 'startsWith' AND any(f IN d.values WHERE v STARTS WITH f))), false))))
      // edge-filter:end
    WITH r, m, req.order AS order
    WITH r, m, order, [k IN order | CASE k.source WHEN 'rel' THEN r[k.field] WHEN 'node' THEN m[k.field] END] AS keys
    WITH r, m, keys, [i IN range(0, size(keys) - 1) | CASE WHEN order[i].desc THEN null ELSE keys[i] END] AS asc,
         [i IN range(0, size(keys) - 1) | CASE WHEN order[i].desc THEN keys[i] END] AS desc
    ORDER BY keys[0] IS NULL, asc[0], desc[0] DESC, keys[1] IS NULL, asc[1], desc[1] DESC,
             keys[2] IS NULL, asc[2], desc[2] DESC, r.id
    RETURN collect({rel: properties(r), node: properties(m), labels: labels(m)}) AS rows
  }
  WITH req, rows, req.start AS start, req.stop AS stop
  RETURN collect({index: req.index, total: size(rows), page: rows[start..stop]}) AS pages
}
RETURN entities, pages

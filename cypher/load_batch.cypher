CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS entities
}
CALL () {
  UNWIND $requests AS req
  MATCH (n:Entity {id: req.id})
  CALL (n, req) {
    MATCH (n)-[r]-(m:Entity)
    WHERE type(r) = req.type
      AND ((req.direction = 'OUT' AND startNode(r) = n) OR (req.direction = 'IN' AND endNode(r) = n))
      AND (req.asOf IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= req.asOf)
           AND (r.valid_to IS NULL OR r.valid_to >= req.asOf)))
      AND (req.year IS NULL OR r.year = req.year)
    WITH r, m
    ORDER BY r.rank, r.year DESC, m.name, r.id
    RETURN collect({rel: properties(r), node: properties(m), labels: labels(m)}) AS rows
  }
  WITH req, rows, req.start AS start, req.stop AS stop
  RETURN collect({index: req.index, total: size(rows), page: rows[start..stop]}) AS pages
}
RETURN entities, pages

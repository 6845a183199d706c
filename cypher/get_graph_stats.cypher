CALL () {
  MATCH (n:Entity)
  WITH labels(n) AS labels, count(*) AS count
  RETURN collect({labels: labels, count: count}) AS kinds
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WITH type(r) AS type, count(*) AS count
  ORDER BY type
  RETURN collect({type: type, count: count}) AS types
}
RETURN kinds, types

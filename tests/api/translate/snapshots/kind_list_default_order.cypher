CALL () {
  MATCH (n:LocalGovernment)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:LocalGovernment)
  WITH n ORDER BY n.name, n.id LIMIT $p0
  RETURN collect({id: n.id, level: n.level, name: n.name, _labels: labels(n), _keys: [n.name]}) AS rows
}
RETURN total, rows
// params: {"p0": 11}

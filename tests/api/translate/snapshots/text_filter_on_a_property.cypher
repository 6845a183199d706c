CALL () {
  MATCH (n:Event)
  WHERE any(x1 IN [n.venue] WHERE any(f2 IN $p1 WHERE reduce(s = toLower(x1), p IN $fold | replace(s, p[0], p[1])) CONTAINS f2))
  WITH n ORDER BY n.name, n.id LIMIT $p2
  RETURN collect({id: n.id, name: n.name, _labels: labels(n), _keys: [n.name]}) AS rows
}
RETURN rows
// params: {"p1": ["jakarta"], "p2": 6}

MATCH (n:Event) WHERE n.name >= $p2 AND any(x1 IN [n.venue] WHERE any(f2 IN $p1 WHERE reduce(s = toLower(x1), p IN $fold | replace(s, p[0], p[1])) CONTAINS f2))
RETURN {id: n.id, name: n.name, _labels: labels(n), _keys: [n.name]} AS row ORDER BY n.name, n.id LIMIT $p3
// params: {"p1": ["jakarta"], "p2": "", "p3": 6}

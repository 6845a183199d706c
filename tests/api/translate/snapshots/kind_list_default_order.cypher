MATCH (n:LocalGovernment) WHERE n.name >= $p0
RETURN {id: n.id, level: n.level, name: n.name, _labels: labels(n), _keys: [n.name]} AS row, null AS total ORDER BY n.name, n.id LIMIT $p1
UNION ALL
RETURN null AS row, COUNT { MATCH (n:LocalGovernment) } AS total
// params: {"p0": "", "p1": 11}

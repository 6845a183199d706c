MATCH (n:Official) WHERE n.name <= $p3 AND (n.name < $p0 OR (n.name = $p1 AND n.id < $p2))
RETURN {id: n.id, name: n.name, _labels: labels(n), _keys: [n.name]} AS row ORDER BY n.name DESC, n.id DESC LIMIT $p4
// params: {"p0": "Nur Hadi Saputra 5", "p1": "Nur Hadi Saputra 5", "p2": "syn-official-27873", "p3": "Nur Hadi Saputra 5", "p4": 21}

MATCH (n:LocalGovernment)
CALL (n) { MATCH (n)-[r1:HAS_SPBE_INDEX]->(o3:Entity) WHERE r1.year = $p0 RETURN max(r1.value) AS k2 }
WITH n, k2 ORDER BY k2 IS NULL, k2 DESC, n.id LIMIT $p1
RETURN {id: n.id, name: n.name, _labels: labels(n), _keys: [k2]} AS row ORDER BY k2 IS NULL, k2 DESC, n.id
// params: {"p0": 2023, "p1": 6}

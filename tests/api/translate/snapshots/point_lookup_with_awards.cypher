MATCH (n:Entity {id: $id})
RETURN {id: n.id, name: n.name, _labels: labels(n), _r0: COLLECT {
  MATCH (n)-[r3:RECEIVED_AWARD]->(m4:Entity)
  WITH r3, m4 ORDER BY r3.rank IS NULL, r3.rank, r3.year IS NULL, r3.year DESC, m4.name, r3.id LIMIT $p1
  RETURN {rel: {id: r3.id, rank: r3.rank, year: r3.year}, node: {id: m4.id, name: m4.name, _labels: labels(m4)}, keys: [r3.rank, r3.year, m4.name]}
}} AS row
// params: {"id": "pemkot-cimahi", "p1": 6}

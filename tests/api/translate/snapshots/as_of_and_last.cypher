MATCH (n:Entity {id: $id})
RETURN {id: n.id, _labels: labels(n), _r0: COLLECT {
  MATCH (n)<-[r3:HOLDS_POSITION]-(m4:Entity) WHERE (r3.valid_from IS NULL OR r3.valid_from <= $p1) AND (r3.valid_to IS NULL OR r3.valid_to >= $p1)
  WITH r3, m4 ORDER BY m4.name DESC, r3.id DESC LIMIT $p2
  RETURN {rel: {id: r3.id, role: r3.role}, node: {id: m4.id, name: m4.name, _labels: labels(m4)}, keys: [m4.name]}
}} AS row
// params: {"id": "kementerian-panrb", "p1": "2024-05-27", "p2": 4}

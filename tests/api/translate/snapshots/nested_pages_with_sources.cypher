MATCH (n:LocalGovernment) WHERE n.name >= $p0
RETURN {id: n.id, name: n.name, sources: n.sources, _labels: labels(n), _keys: [n.name], _r0: COLLECT {
  MATCH (n)-[r3:RECEIVED_AWARD]->(m4:Entity)
  WITH r3, m4 ORDER BY r3.rank IS NULL, r3.rank, r3.year IS NULL, r3.year DESC, m4.name, r3.id LIMIT $p2
  RETURN {rel: {id: r3.id, rank: r3.rank, sources: r3.sources}, node: {id: m4.id, _labels: labels(m4), _r0: COLLECT {
    MATCH (m4)<-[r7:HAS_CATEGORY]-(m8:Entity)
    WITH r7, m8 ORDER BY m8.name, r7.id LIMIT $p1
    RETURN {rel: {id: r7.id}, node: {id: m8.id, name: m8.name, _labels: labels(m8)}, keys: [m8.name]}
  }}, keys: [r3.rank, r3.year, m4.name], sources: COLLECT {
    UNWIND coalesce(r3.sources, []) AS sid10
    MATCH (s9:Entity {id: sid10})
    RETURN {id: s9.id, url: s9.url, _labels: labels(s9)}
  }}
}, _t0: COUNT {
  MATCH (n)-[r1:RECEIVED_AWARD]->(m2:Entity)
}, _sources: COLLECT {
  UNWIND coalesce(n.sources, []) AS sid12
  MATCH (s11:Entity {id: sid12})
  RETURN {id: s11.id, url: s11.url, _labels: labels(s11)}
}} AS row ORDER BY n.name, n.id LIMIT $p3
// params: {"p0": "", "p1": 2, "p2": 11, "p3": 101}

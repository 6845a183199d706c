CALL () {
  MATCH (n:LocalGovernment)
  WITH n ORDER BY n.name, n.id LIMIT $p0
  CALL (n) {
    MATCH (n)-[r1:RECEIVED_AWARD]->(m2:Entity)
    RETURN count(*) AS total3
  }
  CALL (n) {
    MATCH (n)-[r4:RECEIVED_AWARD]->(m5:Entity)
    WITH r4, m5 ORDER BY r4.rank IS NULL, r4.rank, r4.year IS NULL, r4.year DESC, m5.name, r4.id LIMIT $p2
    CALL (m5) {
      MATCH (m5)<-[r9:HAS_CATEGORY]-(m10:Entity)
      WITH r9, m10 ORDER BY m10.name, r9.id LIMIT $p1
      RETURN collect({rel: {id: r9.id}, node: {id: m10.id, name: m10.name, _labels: labels(m10)}, keys: [m10.name]}) AS page11
    }
    CALL (r4) {
      UNWIND coalesce(r4.sources, []) AS sid13
      MATCH (s12:Entity {id: sid13})
      RETURN collect({id: s12.id, url: s12.url, _labels: labels(s12)}) AS src14
    }
    RETURN collect({rel: {id: r4.id, rank: r4.rank, sources: r4.sources}, node: {id: m5.id, _labels: labels(m5), _r0: page11}, keys: [r4.rank, r4.year, m5.name], sources: src14}) AS page6
  }
  CALL (n) {
    UNWIND coalesce(n.sources, []) AS sid16
    MATCH (s15:Entity {id: sid16})
    RETURN collect({id: s15.id, url: s15.url, _labels: labels(s15)}) AS src17
  }
  RETURN collect({id: n.id, name: n.name, sources: n.sources, _labels: labels(n), _keys: [n.name], _r0: page6, _t0: total3, _sources: src17}) AS rows
}
RETURN rows
// params: {"p0": 101, "p1": 2, "p2": 11}

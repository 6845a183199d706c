MATCH (s:Entity {id: $id})
WITH s, [s] AS front, [s] AS seen, [] AS seenRels
CALL (front, seenRels) {
  UNWIND front AS f
  CALL (f, seenRels) {
    MATCH (f)-[r:RECEIVED_AWARD|HAS_CATEGORY]-(m:Entity)
    WHERE NOT r IN seenRels AND (r.valid_from IS NULL OR r.valid_from <= $p3) AND (r.valid_to IS NULL OR r.valid_to >= $p3)
    RETURN r, m LIMIT $p1
  }
  WITH DISTINCT r, m
  WITH r, m ORDER BY r.id LIMIT $p1
  RETURN collect({rel: r, node: m}) AS hop, collect(DISTINCT m) AS reached
}
WITH s, hop AS h1, reached AS ms1,
     CASE WHEN size(seenRels) + size(hop) > $p2 THEN [] ELSE
       [m IN reached WHERE NOT m IN seen] END AS front,
     seen + reached AS seen,
     seenRels + [e IN hop | e.rel] AS seenRels
CALL (front, seenRels) {
  UNWIND front AS f
  CALL (f, seenRels) {
    MATCH (f)-[r:RECEIVED_AWARD|HAS_CATEGORY]-(m:Entity)
    WHERE NOT r IN seenRels AND (r.valid_from IS NULL OR r.valid_from <= $p3) AND (r.valid_to IS NULL OR r.valid_to >= $p3)
    RETURN r, m LIMIT $p1
  }
  WITH DISTINCT r, m
  WITH r, m ORDER BY r.id LIMIT $p1
  RETURN collect({rel: r, node: m}) AS hop, collect(DISTINCT m) AS reached
}
WITH s, h1, ms1, hop AS h2, reached AS ms2,
     CASE WHEN size(seenRels) + size(hop) > $p2 THEN [] ELSE
       [m IN reached WHERE NOT m IN seen] END AS front,
     seen + reached AS seen,
     seenRels + [e IN hop | e.rel] AS seenRels
CALL (s, ms1, ms2) {
  UNWIND [s] + ms1 + ms2 AS n
  WITH DISTINCT n
  RETURN collect({id: n.id, name: n.name, _labels: labels(n), _r0: COLLECT {
    MATCH (n)-[r3:RECEIVED_AWARD]->(m4:Entity)
    WITH r3, m4 ORDER BY r3.rank IS NULL, r3.rank, r3.year IS NULL, r3.year DESC, m4.name, r3.id LIMIT $p4
    RETURN {rel: {id: r3.id, rank: r3.rank}, node: {id: m4.id, name: m4.name, _labels: labels(m4)}, keys: [r3.rank, r3.year, m4.name]}
  }}) AS nodes
}
RETURN [e IN h1 | {type: type(e.rel), from: startNode(e.rel).id, to: endNode(e.rel).id, rel: properties(e.rel), node: e.node.id}] AS h1, [e IN h2 | {type: type(e.rel), from: startNode(e.rel).id, to: endNode(e.rel).id, rel: properties(e.rel), node: e.node.id}] AS h2, nodes
// params: {"id": "pemkot-cimahi", "p1": 101, "p2": 100, "p3": "2024-05-27", "p4": 4}

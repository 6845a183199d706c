MATCH (a:Entity {id: $from})
WITH a
MATCH (b:Entity {id: $to})
CALL (a, b) {
  MATCH (b)-[s1:RECEIVED_AWARD|HAS_CATEGORY]-(y1:Entity)
  WHERE y1 <> b AND y1 <> a
  WITH b, a, s1, y1 LIMIT $p0
  CALL (b, a, y1) {
    MATCH (y1)-[s2:RECEIVED_AWARD|HAS_CATEGORY]-(y2:Entity)
    WHERE y2 <> b AND y2 <> y1 AND y2 <> a
    RETURN s2, y2 LIMIT $p0
  }
  WITH b, a, s1, y1, s2, y2 LIMIT $p1
  RETURN collect({ids: [b.id, y1.id, y2.id], rels: [{type: type(s1), from: startNode(s1).id, to: endNode(s1).id, rel: properties(s1)}, {type: type(s2), from: startNode(s2).id, to: endNode(s2).id, rel: properties(s2)}]}) AS rights, collect(DISTINCT y2) AS rs
}
CALL (a, b) {
  MATCH (a)-[t1:RECEIVED_AWARD|HAS_CATEGORY]-(x1:Entity)
  WHERE x1 <> a AND x1 <> b
  WITH a, b, t1, x1 LIMIT $p0
  RETURN collect({ids: [a.id, x1.id], rels: [{type: type(t1), from: startNode(t1).id, to: endNode(t1).id, rel: properties(t1)}]}) AS lefts, collect(DISTINCT x1) AS ls
}
CALL (ls, rs) {
  WITH size(ls) >= size(rs) AS fromLeft, ls, rs
  WITH fromLeft, CASE WHEN fromLeft THEN ls ELSE rs END AS us,
       CASE WHEN fromLeft THEN rs ELSE ls END AS vs
  UNWIND us AS u
  MATCH (u)-[h:RECEIVED_AWARD|HAS_CATEGORY]-(v:Entity)
  WHERE v IN vs
  WITH u, h, v, fromLeft LIMIT $p1
  RETURN collect(CASE WHEN fromLeft THEN {from: u.id, to: v.id, rel: {type: type(h), from: startNode(h).id, to: endNode(h).id, rel: properties(h)}}
    ELSE {from: v.id, to: u.id, rel: {type: type(h), from: startNode(h).id, to: endNode(h).id, rel: properties(h)}} END) AS hops
}
RETURN lefts, rights, hops
// params: {"p0": 200, "p1": 2000}

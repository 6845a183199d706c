CALL () {
  MATCH (n:Agency)
  WHERE ((EXISTS { MATCH (n)-[r1:HAS_SPBE_INDEX]->(m2:Entity) WHERE (r1.value > $p0 AND r1.year = $p1) } AND n.level = $p2 AND NOT coalesce(any(x3 IN [head(n.search_terms), replace(head(n.search_terms), ' ', '')] WHERE any(f4 IN $p3 WHERE x3 CONTAINS f4)), false)) OR (EXISTS { MATCH (n)-[r5:HAS_SPBE_INDEX]->(m6:Entity) WHERE (r5.value > $p4 AND r5.year = $p5) } AND n.level IN $p6 AND NOT coalesce(any(x7 IN [head(n.search_terms), replace(head(n.search_terms), ' ', '')] WHERE any(f8 IN $p7 WHERE x7 CONTAINS f8)), false)))
  RETURN n
  UNION
  MATCH (n:LocalGovernment)
  WHERE ((EXISTS { MATCH (n)-[r1:HAS_SPBE_INDEX]->(m2:Entity) WHERE (r1.value > $p0 AND r1.year = $p1) } AND n.level = $p2 AND NOT coalesce(any(x3 IN [head(n.search_terms), replace(head(n.search_terms), ' ', '')] WHERE any(f4 IN $p3 WHERE x3 CONTAINS f4)), false)) OR (EXISTS { MATCH (n)-[r5:HAS_SPBE_INDEX]->(m6:Entity) WHERE (r5.value > $p4 AND r5.year = $p5) } AND n.level IN $p6 AND NOT coalesce(any(x7 IN [head(n.search_terms), replace(head(n.search_terms), ' ', '')] WHERE any(f8 IN $p7 WHERE x7 CONTAINS f8)), false)))
  RETURN n
}
MATCH (n)-[r:HAS_SPBE_INDEX]->(:Entity)
WHERE r.year = $p8
RETURN count(r.value) AS count, count(DISTINCT n) AS entities, min(r.value) AS min,
       max(r.value) AS max, avg(r.value) AS average
// params: {"p0": 4.0, "p1": 2023, "p2": "CITY", "p3": ["kota"], "p4": 4.0, "p5": 2023, "p6": ["REGENCY", "PROVINCE"], "p7": ["kota"], "p8": 2023}

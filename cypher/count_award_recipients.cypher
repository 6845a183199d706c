MATCH (b:Entity)-[r:RECEIVED_AWARD]->(t:Entity)
OPTIONAL MATCH (a:Entity)-[:HAS_CATEGORY]->(t)
WITH b, r, t, a, coalesce(a, t) AS edition
WHERE $awardId IS NULL OR edition.id = $awardId
WITH
  collect({
    recipient: b.id,
    category: CASE WHEN a IS NULL THEN null ELSE t.id END,
    year: r.year,
    alsoInCategory:
      a IS NULL AND EXISTS { (b)-[:RECEIVED_AWARD]->(:Entity)<-[:HAS_CATEGORY]-(t) }
  }) AS rows
CALL (rows) {
  UNWIND rows AS row
  WITH row
  WHERE NOT row.alsoInCategory
  WITH row.category AS category, count(DISTINCT row.recipient) AS known
  RETURN collect({category: category, known: known}) AS byCategory
}
CALL (rows) {
  UNWIND rows AS row
  WITH row.year AS year, count(*) AS count
  ORDER BY year
  RETURN collect({year: year, count: count}) AS byYear
}
CALL (rows) {
  UNWIND rows AS row
  RETURN count(DISTINCT row.recipient) AS known
}
CALL () {
  MATCH (e:Entity)-[:HAS_CATEGORY]->(c:Entity)
  WHERE $awardId IS NULL OR e.id = $awardId
  RETURN collect({category: c.id, stated: c.recipients_count}) AS categories
}
CALL () {
  OPTIONAL MATCH (e:Entity {id: $awardId})
  RETURN e.recipients_count AS stated
}
RETURN size(rows) AS total, known, stated, categories, byCategory, byYear

MATCH (b:Entity)-[r:RECEIVED_AWARD]->(t:Entity)
OPTIONAL MATCH (a:Entity)-[:HAS_CATEGORY]->(t)
WITH b, r, t, a
WHERE $awardId IS NULL OR coalesce(a.id, t.id) = $awardId
WITH collect({recipient: b.id, category: CASE WHEN a IS NULL THEN null ELSE t.id END, year: r.year}) AS rows
CALL (rows) {
  UNWIND rows AS row
  WITH row.category AS category, count(*) AS count
  ORDER BY count DESC, category
  RETURN collect({category: category, count: count}) AS byCategory
}
CALL (rows) {
  UNWIND rows AS row
  WITH row.year AS year, count(*) AS count
  ORDER BY year
  RETURN collect({year: year, count: count}) AS byYear
}
CALL (rows) {
  UNWIND rows AS row
  RETURN count(DISTINCT row.recipient) AS recipients
}
RETURN size(rows) AS total, recipients, byCategory, byYear

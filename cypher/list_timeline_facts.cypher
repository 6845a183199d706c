// Every relationship of the entity that may carry a date, with what dates it: the
// relationship's own properties, the other entity's, and for awards the day of the event
// the award (or the award of a category) was presented at. Python picks the date.
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE (startNode(r) = n AND type(r) IN $outgoing) OR (endNode(r) = n AND type(r) IN $incoming)
  OPTIONAL MATCH (parent:Award)-[:HAS_CATEGORY]->(m)
  WITH r, m, CASE WHEN m:Award THEN m ELSE parent END AS award
  OPTIONAL MATCH (award)-[:PRESENTED_AT]->(ceremony:Event)
  WITH r, m, award, min(ceremony.date) AS awardDate
  RETURN collect({
    type: type(r), from: startNode(r).id, to: endNode(r).id, rel: properties(r),
    labels: labels(m), node: properties(m),
    awardName: award.name, awardYear: award.year, awardDate: awardDate
  }) AS facts
}
RETURN facts

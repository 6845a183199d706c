UNWIND $keys AS key
MATCH (t:SearchTerm {entity: key})
DELETE t

UNWIND $entries AS entry
CREATE (t:SearchTerm)
SET t = entry

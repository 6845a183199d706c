UNWIND $entries AS entry
CREATE (c:Citation)
SET c = entry

UNWIND $entries AS entry
CREATE (a:AuditEntry)
SET a = entry

// Whether one audit entry was written: how a write whose commit lost its connection
// learns whether it committed (api.mutations.transaction). Found through the `at` index.
MATCH (a:AuditEntry)
WHERE a.at = $at AND a.id = $id
RETURN count(a) AS entries

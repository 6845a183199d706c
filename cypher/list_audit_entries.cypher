MATCH (a:AuditEntry)
WHERE ($subject IS NULL OR a.subject = $subject)
  AND ($targetId IS NULL OR $targetId IN a.target_ids)
  AND ($afterAt IS NULL OR a.at < $afterAt OR (a.at = $afterAt AND a.id < $afterId))
WITH a
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
RETURN a {.id, .at, .subject, .operation, .target_ids, .before, .after} AS entry

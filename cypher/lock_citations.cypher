// Every citation lock of a source (api.mutations.citation_locks), written before a delete
// counts what cites it: a create citing it concurrently writes one of them too.
UNWIND $keys AS key
MERGE (lock:CitationLock {key: key})
SET lock.writes = coalesce(lock.writes, 0) + 1

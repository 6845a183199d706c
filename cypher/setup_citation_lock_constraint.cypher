CREATE CONSTRAINT citation_lock_key IF NOT EXISTS FOR (l:CitationLock) REQUIRE l.key IS UNIQUE

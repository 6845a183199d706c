UNWIND $rows AS row
CREATE (n:Entity:__KIND__)
SET n = row.props
RETURN count(n) AS written

// ArcadeDB only (graph.schema_setup): a node made and removed in one statement creates
// the type ArcadeDB keeps for the labels `Entity:__KIND__`, so that the first concurrent
// creates of a kind do not race to create it (the losers would fail). Leaves no node.
CREATE (n:Entity:__KIND__)
DELETE n

"""Every Cypher statement the service sends, one per `.cypher` file (loaded by `graph_service.queries`)."""

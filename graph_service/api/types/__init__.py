"""GraphQL types, most of them generated from the ontology."""

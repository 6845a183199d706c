"""A GraphQL service over a knowledge graph of government."""

"""Reads translated into one Cypher statement per root field (after @neo4j/graphql).

Three layers kept apart: `selection` turns a root field's GraphQL selection into a small
tree of typed nodes (`plan`); `cypher` (with `predicates`, `ordering`, `cursors`) turns the
tree into one parameterised statement, as pure functions; `execute` runs it and `results`
turns its rows into the GraphQL objects whose fields then read plain values.
"""

from graph_service.api.translate.execute import read_kind_list, read_node, read_nodes

__all__ = ["read_kind_list", "read_node", "read_nodes"]

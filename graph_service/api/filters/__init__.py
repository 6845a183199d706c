"""Typed filters and ordering for the read API, generated from the ontology.

`inputs` builds the GraphQL inputs, `compile` turns a filter into disjunctive normal form
(a pure step) that api/translate writes as predicates, `ordering` does the same for
`orderBy`.
"""

from graph_service.api.filters.compile import MAX_ATOMS, compile_filter, fold, fold_table
from graph_service.api.filters.inputs import (
    CONDITIONS,
    EDGE_FILTERS,
    KIND_FILTERS,
    entity_filter,
)
from graph_service.api.filters.ordering import (
    DEFAULT_EDGE_ORDER,
    DEFAULT_ENTITY_ORDER,
    EDGE_ORDERS,
    KIND_ORDERS,
    MAX_SORT_KEYS,
    compile_order,
)

__all__ = [
    "CONDITIONS",
    "DEFAULT_EDGE_ORDER",
    "DEFAULT_ENTITY_ORDER",
    "EDGE_FILTERS",
    "EDGE_ORDERS",
    "KIND_FILTERS",
    "KIND_ORDERS",
    "MAX_ATOMS",
    "MAX_SORT_KEYS",
    "compile_filter",
    "compile_order",
    "entity_filter",
    "fold",
    "fold_table",
]

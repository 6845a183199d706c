"""Writes: typed inputs from the ontology, result unions, one audited transaction each."""

from graph_service.api.mutations.mutation import build_mutation_type

__all__ = ["build_mutation_type"]

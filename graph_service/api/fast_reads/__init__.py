"""Translated reads answered without GraphQL execution: a document whose root fields are
all translated reads (`node`, `nodes`, a kind's list) and whose fields all read values the
translated rows carry is compiled once (`program.py`); each request then runs the same
statements as the resolvers and builds the response dict straight from the rows
(`shape.py`), as @neo4j/graphql or graphql-jit would. Anything else, or anything the rows
cannot answer exactly as GraphQL execution would, is left to GraphQL execution.
"""

from graph_service.api.fast_reads.extension import PROGRAMS, FastReads

__all__ = ["PROGRAMS", "FastReads"]

"""Serving a request on the fast path: its root fields read through the translate layer
(the same plans, statements and round trips as their resolvers), shaped by `Shaper`.

A root field's failure (a bad argument, a timeout) nulls that field and reports an error
located exactly as GraphQL execution locates a resolver's error; the error extensions then
give it its code as for any other error.
"""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLObjectType,
    get_named_type,
    located_error,
)
from graphql.execution.values import VariableValues, get_variable_values

from graph_service.api.context import Context
from graph_service.api.fast_reads.fields import ROOT_LISTS
from graph_service.api.fast_reads.program import Fallback, Program
from graph_service.api.fast_reads.shape import Shaper
from graph_service.api.resolvers.entities import checked_ids
from graph_service.api.translate.execute import fetch_entities, fetch_kind_list
from graph_service.api.translate.selection import Selection


async def serve(
    schema: strawberry.Schema, program: Program, raw_variables: Any, context: Context
) -> ExecutionResult | None:
    """The result of the request, or None to leave it to GraphQL execution."""
    graphql_schema = schema._schema
    operation = program.operation
    assert operation is not None
    variables = get_variable_values(
        graphql_schema, operation.variable_definitions or (), dict(raw_variables or {})
    )
    if not isinstance(variables, VariableValues):
        return None  # GraphQL reports the bad variables
    fragments = {
        d.name.value: d
        for d in program.document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    selection = Selection.of_request(graphql_schema, schema, fragments, variables, context.settings)
    variant = tuple(sorted((k, v) for k, v in variables.coerced.items() if isinstance(v, bool)))
    shaper = Shaper(program, selection, variant)
    root = selection.collect_set(operation.selection_set, "Query")
    data: dict[str, Any] = dict.fromkeys(root)
    errors: list[Any] = []
    fields = [_root_field(shaper, key, nodes, data, errors, context) for key, nodes in root.items()]
    try:
        if len(fields) == 1:
            await fields[0]
        else:
            await asyncio.gather(*fields)
    except Fallback:
        return None
    return ExecutionResult(data, errors or None)


async def _root_field(
    shaper: Shaper,
    key: str,
    nodes: list[FieldNode],
    data: dict[str, Any],
    errors: list[Any],
    context: Context,
) -> None:
    try:
        data[key] = await _resolve(shaper, nodes, context)
    except Fallback:
        raise
    except Exception as error:  # as graphql-core does with a resolver's error
        data[key] = None
        errors.append(located_error(error, nodes, [key]))


async def _resolve(shaper: Shaper, nodes: list[FieldNode], context: Context) -> Any:
    name = nodes[0].name.value
    if name == "__typename":
        return "Query"
    selection, graph = shaper.selection, context.graph
    args = selection.arguments("Query", nodes[0])
    if name == "node":
        plan, rows = await fetch_entities(selection, nodes, graph, [str(args["id"])])
        return shaper.entity(nodes, plan, rows[0]) if rows else None
    if name == "nodes":
        ids = checked_ids(args["ids"], context.settings.max_page_size)
        plan, rows = await fetch_entities(selection, nodes, graph, ids)
        found = {row["id"]: row for row in rows}
        return [shaper.entity(nodes, plan, found[i]) if i in found else None for i in ids]
    plan_, row = await fetch_kind_list(selection, ROOT_LISTS[name], nodes, args, graph)
    query = selection.schema.get_type("Query")
    assert isinstance(query, GraphQLObjectType)
    connection = get_named_type(query.fields[name].type).name
    return shaper.kind_list(nodes, connection, plan_, row)

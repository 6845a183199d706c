"""Serving a request on the fast path: its root fields read through the translate layer
(the same plans, statements and round trips as their resolvers), shaped by `Shaper`.

A root field's failure (a bad argument, a timeout) nulls that field and reports an error
located exactly as GraphQL execution locates a resolver's error; the error extensions then
give it its code as for any other error. The plan and statement of a root field are kept
in the program for the arguments and settings they were made with (`node(id: $id)` keeps
one for every `$id`: only the key parameter changes).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import strawberry
from graphql import (
    ArgumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLObjectType,
    VariableNode,
    get_named_type,
    located_error,
)
from graphql.execution.values import VariableValues, get_variable_values

from graph_service.api.context import Context
from graph_service.api.fast_reads.explore import explore
from graph_service.api.fast_reads.fields import EXPLORATIONS, ROOT_LISTS
from graph_service.api.fast_reads.program import Fallback, Program, Selected
from graph_service.api.fast_reads.shape import Shaper
from graph_service.api.resolvers.entities import checked_ids
from graph_service.api.translate.cypher import page_row
from graph_service.api.translate.execute import (
    entities_statement,
    fetch_entities,
    kind_list_statement,
    run_statement,
)
from graph_service.api.translate.selection import Selection

_PLANS_KEPT = 256  # root fields x arguments per document


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
    coerced = variables.coerced
    variant = tuple(sorted((k, v) for k, v in coerced.items() if isinstance(v, bool)))
    root = program.root(selection, variant)
    shaper = Shaper(program, selection)
    data: dict[str, Any] = dict.fromkeys(root)
    errors: list[Any] = []
    fields = [
        _root_field(shaper, variant, key, selected, data, errors, context)
        for key, selected in root.items()
    ]
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
    variant: Any,
    key: str,
    selected: Selected,
    data: dict[str, Any],
    errors: list[Any],
    context: Context,
) -> None:
    try:
        data[key] = await _resolve(shaper, variant, key, selected, context)
    except Fallback:
        raise
    except Exception as error:  # as graphql-core does with a resolver's error
        data[key] = None
        errors.append(located_error(error, selected.nodes, [key]))


async def _resolve(
    shaper: Shaper, variant: Any, key: str, selected: Selected, context: Context
) -> Any:
    nodes = selected.nodes
    name = nodes[0].name.value
    if name == "__typename":
        return "Query"
    selection, graph, program = shaper.selection, context.graph, shaper.program
    if name in EXPLORATIONS:
        args = selection.arguments("Query", nodes[0])
        return await explore(shaper, (key, variant), selected, args, context)
    if name == "nodes":
        args = selection.arguments("Query", nodes[0])
        ids = checked_ids(args["ids"], context.settings.max_page_size)
        plan, rows = await fetch_entities(selection, nodes, graph, ids)
        found = {row["id"]: row for row in rows}
        return [shaper.entity(selected, plan, found[i]) if i in found else None for i in ids]
    settings = (selection.max_page_size, selection.nested_page_size)
    if name == "node":
        id_ = str(selection.coerced_arguments("Query", nodes[0])["id"])
        cache_key = (key, variant, settings, _others(program, nodes[0], selection))
        cached = program.plans.get(cache_key)
        if cached is None:
            cached = entities_statement(selection, nodes, [id_])
            _keep(program, cache_key, cached)
        plan, statement = cached
        assert statement is not None
        rows = await run_statement(
            graph, replace(statement, params={**statement.params, "id": id_})
        )
        return shaper.entity(selected, plan, rows[0]["row"]) if rows else None
    cache_key = (key, variant, settings, _others(program, None, selection))
    cached = program.plans.get(cache_key)
    if cached is None:  # the arguments are converted only to make a plan
        args = selection.arguments("Query", nodes[0])
        cached = kind_list_statement(selection, ROOT_LISTS[name], nodes, args)
        _keep(program, cache_key, cached)
    plan_, statement_ = cached
    rows = await run_statement(graph, statement_)
    query = selection.schema.get_type("Query")
    assert isinstance(query, GraphQLObjectType)
    connection = get_named_type(query.fields[name].type).name
    return shaper.kind_list(selected, connection, plan_, page_row(statement_, rows))


def _others(program: Program, node: Any, selection: Selection) -> str:
    """The variable values a root field's plan may depend on: all of them, but the one
    that gives `node` its key when it is used nowhere else."""
    own = None
    if node is not None:
        argument: ArgumentNode | None = next(iter(node.arguments or ()), None)
        if argument is not None and isinstance(argument.value, VariableNode):
            name = argument.value.name.value
            if program.variable_uses.get(name) == 1:
                own = name
    coerced = selection.variables.coerced
    return repr(sorted((k, v) for k, v in coerced.items() if k != own))


def _keep(program: Program, key: Any, value: Any) -> None:
    if len(program.plans) >= _PLANS_KEPT:
        program.plans.clear()
    program.plans[key] = value

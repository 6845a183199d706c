"""Translate a GraphQL document without a request or a database.

The same selection walk and translation the resolvers use, driven from a parsed document:
for unit tests, snapshot tests and the corpus of statements Neo4j's linter checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    NameNode,
    OperationDefinitionNode,
    parse,
)
from graphql.execution.values import VariableValues

from graph_service.api.translate.cypher import Statement, list_statement, lookup_statement
from graph_service.api.translate.plan import EntityPlan, ListPlan
from graph_service.api.translate.selection import ALL_KINDS, Selection
from graph_service.ontology import ENTITY_KINDS

_KINDS_BY_FIELD = {kind.plural: kind.name for kind in ENTITY_KINDS}


@dataclass
class RootPlan:
    """A translated root field: a kind list, or a lookup of `ids`."""

    plan: ListPlan | EntityPlan
    ids: list[str]
    many: bool = False

    def statement(self) -> Statement:
        if isinstance(self.plan, ListPlan):
            return list_statement(self.plan)
        return lookup_statement(self.plan, self.ids, many=self.many)


def plan_document(document: str, *, max_page_size: int = 100) -> list[RootPlan]:
    """The plan of each translated root field of the document's first operation."""
    from graph_service.api.schema import build_schema

    schema = build_schema()
    ast = parse(document)
    fragments = {d.name.value: d for d in ast.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in ast.definitions if isinstance(d, OperationDefinitionNode))
    variables = VariableValues({}, {})
    selection = Selection(schema._schema, fragments, variables, schema, max_page_size, 20)
    root = FieldNode(name=NameNode(value="query"), selection_set=operation.selection_set)
    plans = []
    for nodes in selection.collect([root], "Query").values():
        name = nodes[0].name.value
        args: dict[str, Any] = selection.arguments("Query", nodes[0])
        if name in ("node", "nodes"):
            ids = [str(args["id"])] if name == "node" else [str(i) for i in args["ids"]]
            plans.append(RootPlan(selection.entity(nodes, ALL_KINDS), ids, name == "nodes"))
        elif name in _KINDS_BY_FIELD:
            plans.append(RootPlan(selection.kind_list(_KINDS_BY_FIELD[name], nodes, args), []))
    return plans


def translate(document: str, *, max_page_size: int = 100) -> list[Statement]:
    """One statement per translated root field of the document."""
    return [p.statement() for p in plan_document(document, max_page_size=max_page_size)]

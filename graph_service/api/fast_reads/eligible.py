"""Whether the fast path serves a document: decided once per document and operation.

It does when the operation is a query whose root fields are all translated reads (`node`,
`nodes`, a kind's list, `neighborhood`, `shortestPath`, `__typename`) and every field
below them is one the translated rows carry (`fields.field_kind`), under any fragment and
whatever `@skip`/`@include` decide.
Other directives, introspection and every other root field leave the request to GraphQL
execution.
"""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
)
from graphql.utilities import get_operation_ast

from graph_service.api.fast_reads.fields import (
    CURSOR,
    EXPLORATIONS,
    ROOT_LISTS,
    TOTAL,
    TYPENAME,
    VALUE,
    field_kind,
    possible_types,
)

LEAVES = frozenset({TYPENAME, VALUE, TOTAL, CURSOR})
ROOT_FIELDS = frozenset({"node", "nodes", "__typename", *ROOT_LISTS, *EXPLORATIONS})
_DIRECTIVES = frozenset({"skip", "include"})


def served_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    """The operation to run, when the fast path serves it; else None (callers cache it:
    `program.programs`)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    walk = _Walk(schema, fragments)
    return operation if walk.root(operation.selection_set) else None


class _Walk:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]):
        self.schema = schema
        self.fragments = fragments
        self.seen: dict[tuple[int, frozenset[str]], bool] = {}

    def root(self, selections: SelectionSetNode) -> bool:
        for item in selections.selections:
            if not self._plain(item):
                return False
            if isinstance(item, FieldNode):
                if item.name.value not in ROOT_FIELDS:
                    return False
                if item.name.value != "__typename" and not self._field_below(item, "Query"):
                    return False
            elif isinstance(item, InlineFragmentNode):
                if not self.root(item.selection_set):
                    return False
            else:
                fragment = self.fragments.get(item.name.value)  # type: ignore[attr-defined]
                if fragment is None or not self.root(fragment.selection_set):
                    return False
        return True

    def _field_below(self, node: FieldNode, parent: str) -> bool:
        parent_type = self.schema.get_type(parent)
        assert isinstance(parent_type, GraphQLObjectType)
        child = get_named_type(parent_type.fields[node.name.value].type).name
        if node.selection_set is None:
            return False
        return self.selections(node.selection_set, possible_types(self.schema, child))

    def selections(self, selections: SelectionSetNode, types: frozenset[str]) -> bool:
        key = (id(selections), types)
        if key not in self.seen:
            self.seen[key] = True  # fragments cannot cycle after validation; be safe anyway
            self.seen[key] = self._selections(selections, types)
        return self.seen[key]

    def _selections(self, selections: SelectionSetNode, types: frozenset[str]) -> bool:
        for item in selections.selections:
            if not self._plain(item):
                return False
            if isinstance(item, FieldNode):
                if not self._field(item, types):
                    return False
                continue
            condition: str | None
            if isinstance(item, FragmentSpreadNode):
                fragment = self.fragments.get(item.name.value)
                if fragment is None:
                    return False
                condition, body = fragment.type_condition.name.value, fragment.selection_set
            elif isinstance(item, InlineFragmentNode):
                condition = item.type_condition.name.value if item.type_condition else None
                body = item.selection_set
            else:
                return False
            narrowed = types & possible_types(self.schema, condition) if condition else types
            if narrowed and not self.selections(body, narrowed):
                return False
        return True

    def _field(self, node: FieldNode, types: frozenset[str]) -> bool:
        name = node.name.value
        children: set[str] = set()
        for type_name in types:
            object_type = self.schema.get_type(type_name)
            assert isinstance(object_type, GraphQLObjectType)
            kind = field_kind(object_type, name)
            if kind is None:
                return False
            if kind not in LEAVES:
                children.add(get_named_type(object_type.fields[name].type).name)
        if not children:
            return node.selection_set is None
        if node.selection_set is None:
            return False
        return all(
            self.selections(node.selection_set, possible_types(self.schema, child))
            for child in children
        )

    @staticmethod
    def _plain(item: object) -> bool:
        directives = getattr(item, "directives", None) or ()
        return all(d.name.value in _DIRECTIVES for d in directives)

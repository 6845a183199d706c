"""Estimated cost of an operation, in which page sizes multiply down the nesting.

The cost counts the objects an operation may produce: each object-valued field costs one
per item it yields, and scalars are free (they come with their object; the token and alias
limits bound how many a document can name). A field with a `first`, `last` or `limit`
argument pages its lists: the lists directly inside it (`edges`, `nodes`, `entities`)
hold up to that many items (the argument's default, or the page cap, when the client gives
none); a list field that takes a list argument (`nodes(ids:)`) holds as many items as
the argument. So `localGovernments(first: 100) { edges { node { awardsReceived(first: 100)
{ edges { node { ... } } } } } }` costs about 100 x 100 for each object inside. Sibling
fragments on different types are added up, so the estimate is an upper bound. Fragments
are costed once per page size, which keeps the estimate fast even for fragment bombs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
)

PAGE_ARGUMENTS = ("first", "last", "limit")


def estimate_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    *,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    page_cap: int,
) -> int:
    """The cost of the operation that will run (the dearest one if that is unclear)."""
    estimator = _Estimator(schema, document, variables or {}, page_cap)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [op for op in operations if op.name and op.name.value == operation_name]
    return max((estimator.operation(op) for op in operations), default=0)


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        page_cap: int,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.page_cap = page_cap
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.fragment_costs: dict[tuple[str, int], int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self.selection(operation.selection_set, root, page=1)

    def selection(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None, *, page: int
    ) -> int:
        """Cost of `selection_set` on one `parent` object whose lists hold `page` items."""
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                field = _field(parent, node.name.value)
                if field is None or node.selection_set is None:
                    continue  # scalars and introspection
                items = self.items(node, field, page)
                inner = self.selection(
                    node.selection_set, get_named_type(field.type), page=self.page_size(node, field)
                )
                total += items * (1 + inner)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection(node.selection_set, target, page=page)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value, page)
        return total

    def fragment(self, name: str, page: int) -> int:
        key = (name, page)
        if key in self.fragment_costs:
            return self.fragment_costs[key]
        definition = self.fragments.get(name)
        self.fragment_costs[key] = 0  # a cycle costs nothing here; validation rejects it
        if definition is None:
            return 0
        target = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selection(definition.selection_set, target, page=page)
        self.fragment_costs[key] = cost
        return cost

    def items(self, node: FieldNode, field: GraphQLField, page: int) -> int:
        """How many objects `field` yields on one parent."""
        if not isinstance(get_nullable_type(field.type), GraphQLList):
            return 1
        lengths = [self._length(argument.value) for argument in node.arguments or ()]
        given = [length for length in lengths if length is not None]
        return max(given) if given else page

    def page_size(self, node: FieldNode, field: GraphQLField) -> int:
        """How many items the lists inside `field` hold: 1 unless it takes a page size."""
        names = [name for name in PAGE_ARGUMENTS if name in field.args]
        if not names:
            return 1
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        sizes = [size for name in names if (size := self._int(given.get(name))) is not None]
        if sizes:
            return max(0, *sizes)
        defaults = [field.args[name].default_value for name in names]
        declared = [d for d in defaults if isinstance(d, int) and not isinstance(d, bool)]
        return max(declared) if declared else self.page_cap

    def _int(self, value: ValueNode | None) -> int | None:
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            bound = self.variables.get(value.name.value)
            if isinstance(bound, int) and not isinstance(bound, bool):
                return bound
        return None

    def _length(self, value: ValueNode) -> int | None:
        if isinstance(value, ListValueNode):
            return len(value.values)
        if isinstance(value, VariableNode):
            bound = self.variables.get(value.name.value)
            if isinstance(bound, list):
                return len(bound)
        return None


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None

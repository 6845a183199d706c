"""Estimated cost of an operation: the rows it may read, page sizes multiplied down the nesting.

The cost counts the rows an operation may make the graph produce: each item of an
object list (an edge, a node, a source) is one row, and so is each root field (a lookup).
What comes with a row is free: a connection object, its `pageInfo`, an edge's `node`, and
scalars (the token and alias limits bound how many a document can name). A field with a
`first`, `last` or `limit` argument pages its lists: the lists directly inside it (`edges`,
`nodes`, `entities`) hold up to that many items. When the client gives no size, a root
field counts the argument's declared default or the page cap, and a nested one (a
relationship connection inside an entity) the nested page size its resolver uses by
default. A list field that takes a list argument (`nodes(ids:)`) holds as many items as
the argument. So `localGovernments(first: 100) { edges { node { awardsReceived { edges {
node { ... } } } } } }` costs 1 + 100 x (1 + 20) with the default nested page of 20, and
a third nested connection multiplies each of those 2,000 rows by 20 again. Sibling
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
    OperationType,
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
    nested_page: int | None = None,
) -> int:
    """The cost of the operation that will run (the dearest one if that is unclear).

    `nested_page` is the page size of a nested connection given no size (default: the cap).
    """
    nested = page_cap if nested_page is None else nested_page
    estimator = _Estimator(schema, document, variables or {}, page_cap, nested)
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
        nested_page: int,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.page_cap = page_cap
        self.nested_page = nested_page
        self.roots = {
            root for op in OperationType if (root := schema.get_root_type(op)) is not None
        }
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
                page_size = self.page_size(node, field, nested=parent not in self.roots)
                inner_type = get_named_type(field.type)
                inner = self.selection(node.selection_set, inner_type, page=page_size)
                row = _is_list(field) or parent in self.roots  # else it comes with its row
                total += items * (int(row) + inner)
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
        if not _is_list(field):
            return 1
        lengths = [self._length(argument.value) for argument in node.arguments or ()]
        given = [length for length in lengths if length is not None]
        return max(given) if given else page

    def page_size(self, node: FieldNode, field: GraphQLField, *, nested: bool) -> int:
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
        if declared:
            return max(declared)
        return self.nested_page if nested else self.page_cap

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


def _is_list(field: GraphQLField) -> bool:
    return isinstance(get_nullable_type(field.type), GraphQLList)


def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None

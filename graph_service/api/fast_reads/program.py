"""A compiled document: for each selection and object type, its fields in response order,
each with how to produce its value. Built once per document, operation and outcome of its
`@skip`/`@include` conditions, then reused by every request that sends it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    OperationDefinitionNode,
    Undefined,
    VariableNode,
    Visitor,
    get_named_type,
    visit,
)

from graph_service.api.extensions.document_caches import DOCUMENTS_CACHED
from graph_service.api.fast_reads.eligible import served_operation
from graph_service.api.fast_reads.fields import (
    CURSOR,
    TOTAL,
    TYPENAME,
    VALUE,
    field_kind,
    value_reader,
)
from graph_service.api.translate.selection import Selection

Op = tuple[str, int, Any, Any]  # response key, field kind (fields.py), two operands
_VARIANTS_KEPT = 64  # outcomes of @skip/@include kept per document


class Fallback(Exception):  # noqa: N818 (not an error: a signal to run GraphQL execution)
    """What the rows hold cannot be answered here exactly as GraphQL execution would (a
    value a non-null field cannot take, say): let execution answer the request."""


class Selected:
    """The field nodes one response key selects, with the fields they read of each object
    type, compiled on first use."""

    __slots__ = ("nodes", "ops")

    def __init__(self, nodes: list[FieldNode]) -> None:
        self.nodes = nodes
        self.ops: dict[str, list[Op]] = {}


class Program:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode | None,
    ) -> None:
        self.schema = schema
        self.document = document
        self.operation = operation
        self._roots: dict[Any, dict[str, Selected]] = {}
        self.plans: dict[Any, Any] = {}  # what `run.py` keeps per root field and arguments
        self.variable_uses = _variable_uses(document)

    def root(self, selection: Selection, variant: Any) -> dict[str, Selected]:
        """The root fields by response key, for one outcome of `@skip`/`@include`."""
        found = self._roots.get(variant)
        if found is None:
            if len(self._roots) >= _VARIANTS_KEPT:
                self._roots.clear()
            assert self.operation is not None
            fields = selection.collect_set(self.operation.selection_set, "Query")
            found = self._roots[variant] = {k: Selected(g) for k, g in fields.items()}
        return found

    def compile(self, selection: Selection, selected: Selected, type_name: str) -> list[Op]:
        """The fields `selected` reads of an object of `type_name`, in response order."""
        object_type = self.schema.get_type(type_name)
        assert isinstance(object_type, GraphQLObjectType)
        ops: list[Op] = []
        for key, group in selection.collect(selected.nodes, type_name).items():
            name = group[0].name.value
            kind = field_kind(object_type, name)
            if kind is None:
                raise Fallback(f"{type_name}.{name} is not served by the fast path")
            if kind == TYPENAME:
                ops.append((key, kind, type_name, None))
                continue
            field = object_type.fields[name]
            if kind == VALUE:
                ops.append((key, kind, value_reader(object_type, name), completer(field.type)))
            elif kind in (TOTAL, CURSOR):
                ops.append((key, kind, completer(field.type), None))
            else:
                ops.append((key, kind, Selected(group), get_named_type(field.type).name))
        selected.ops[type_name] = ops
        return ops


def _variable_uses(document: DocumentNode) -> dict[str, int]:
    """How often each variable is used as a value (definitions not counted)."""
    uses: dict[str, int] = {}

    class Count(Visitor):
        def enter_variable_definition(self, *_: Any) -> Any:
            return self.SKIP

        def enter_variable(self, node: VariableNode, *_: Any) -> None:
            uses[node.name.value] = uses.get(node.name.value, 0) + 1

    visit(document, Count())
    return uses


# The built-in scalars whose `serialize` hands back a value of this exact type unchanged
# (an Int only within 32 bits); the rest of a nested list's values go through `serialize`.
_SERIALISED_AS_IS: dict[GraphQLScalarType, type[Any]] = {
    GraphQLString: str,
    GraphQLID: str,
    GraphQLInt: int,
    GraphQLBoolean: bool,
}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def completer(output: GraphQLOutputType) -> Callable[[Any], Any]:
    """A value as GraphQL execution completes it for `output`: serialised, lists item by
    item; a null where none may be, or a value that does not serialise, falls back."""
    if isinstance(output, GraphQLNonNull):
        inner = completer(output.of_type)

        def non_null(value: Any) -> Any:
            if value is None:
                raise Fallback("null for a non-null field")
            return inner(value)

        return non_null
    if isinstance(output, GraphQLList):
        item = completer(output.of_type)

        def listed(value: Any) -> Any:
            return None if value is None else [item(v) for v in value]

        return listed
    serialize = output.serialize  # type: ignore[union-attr]
    same = _SERIALISED_AS_IS.get(output) if isinstance(output, GraphQLScalarType) else None

    def leaf(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is same and (same is not int or _INT_MIN <= int(value) <= _INT_MAX):
            return value  # what `serialize` would return, without its checks
        try:
            serialized = serialize(value)
        except Exception as error:
            raise Fallback(str(error)) from error
        if serialized is None or serialized is Undefined:
            raise Fallback("a value that does not serialise")
        return serialized

    return leaf


class Programs:
    """The programs of recent documents, by query text and operation name (an LRU)."""

    def __init__(self, size: int = DOCUMENTS_CACHED) -> None:
        self.size = size
        self._programs: OrderedDict[tuple[str, str | None], Program] = OrderedDict()

    def get(
        self, schema: GraphQLSchema, text: str, document: DocumentNode, operation: str | None
    ) -> Program:
        key = (text, operation)
        program = self._programs.get(key)
        if program is None or program.schema is not schema or program.document is not document:
            program = Program(schema, document, served_operation(schema, document, operation))
            self._programs[key] = program
            if len(self._programs) > self.size:
                self._programs.popitem(last=False)
        else:
            self._programs.move_to_end(key)
        return program

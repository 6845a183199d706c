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
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    OperationDefinitionNode,
    Undefined,
    get_named_type,
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
_OPS_KEPT = 4096  # selections x types x @skip/@include outcomes per document, at most


class Fallback(Exception):  # noqa: N818 (not an error: a signal to run GraphQL execution)
    """What the rows hold cannot be answered here exactly as GraphQL execution would (a
    value a non-null field cannot take, say): let execution answer the request."""


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
        self._ops: dict[tuple[Any, ...], list[Op]] = {}

    def ops(
        self, selection: Selection, nodes: list[FieldNode], type_name: str, variant: Any
    ) -> list[Op]:
        """The fields the selection `nodes` reads of an object of `type_name`."""
        key = (variant, type_name, *map(id, nodes))
        found = self._ops.get(key)
        if found is None:
            if len(self._ops) >= _OPS_KEPT:
                self._ops.clear()
            found = self._ops[key] = self._compile(selection.collect(nodes, type_name), type_name)
        return found

    def _compile(self, fields: dict[str, list[FieldNode]], type_name: str) -> list[Op]:
        object_type = self.schema.get_type(type_name)
        assert isinstance(object_type, GraphQLObjectType)
        ops: list[Op] = []
        for key, group in fields.items():
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
                ops.append((key, kind, group, get_named_type(field.type).name))
        return ops


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

    def leaf(value: Any) -> Any:
        if value is None:
            return None
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

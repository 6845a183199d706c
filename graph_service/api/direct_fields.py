"""Simple computed fields called directly, without Strawberry's per-field wrapper.

A field such as `name` or an edge's `rank` reads a value already in hand (`root.props`)
through a small synchronous resolver. Strawberry wraps every resolver in the same general
machinery (an `Info` object, argument conversion, a chain of field extensions, even when
there are none), which the profile of a 100-row nested list showed as its largest single
cost. For resolvers that take only their object (no arguments, no `info`, not async, no
field extensions, permission classes or directives), the graphql-core field is given a
direct call instead: the same function, the same value, the same errors.
"""

from __future__ import annotations

from collections.abc import Callable
from types import FunctionType
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField


def resolve_simple_fields_directly(schema: strawberry.Schema) -> int:
    """Rewire the simple fields of `schema`; returns how many there were."""
    rewired = 0
    for named in schema._schema.type_map.values():
        if not isinstance(named, GraphQLObjectType):
            continue
        for graphql_field in named.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            function = simple_resolver(field)
            if function is not None:
                graphql_field.resolve = _direct(function)
                rewired += 1
    return rewired


def simple_resolver(field: Any) -> Callable[[Any], Any] | None:
    if not isinstance(field, StrawberryField) or field.base_resolver is None:
        return None
    resolver = field.base_resolver
    if (
        field.extensions
        or field.permission_classes
        or field.directives
        or resolver.is_async
        or resolver.arguments
        or resolver.info_parameter is not None
        or len(resolver.signature.parameters) != 1
    ):
        return None
    function = resolver.wrapped_func
    return function if isinstance(function, FunctionType) else None


def _direct(function: Callable[[Any], Any]) -> Callable[..., Any]:
    def resolve(source: Any, info: Any) -> Any:
        return function(source)

    return resolve

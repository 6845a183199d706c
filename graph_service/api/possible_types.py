"""The fragment matcher clients need: each interface and union with the types that implement it.

Apollo Client (`new InMemoryCache({ possibleTypes })`) and urql's graphcache
(`cacheExchange({ possibilityTypes })` via its schema) cannot tell whether `... on Entity`
matches a `LocalGovernment` without it, and silently drop such fragments' fields. The map
is written to `possible-types.json` beside `schema.graphql` (`make schema`, checked in CI)
and served at `/graphql/possible-types`.
"""

from __future__ import annotations

import json

from graphql import GraphQLSchema, is_abstract_type
from starlette.requests import Request
from starlette.responses import JSONResponse


def possible_types(schema: GraphQLSchema) -> dict[str, list[str]]:
    """`{"Node": ["Agency", ...], ...}`: every interface and union, introspection's excluded."""
    return {
        name: sorted(t.name for t in schema.get_possible_types(named))
        for name, named in sorted(schema.type_map.items())
        if is_abstract_type(named) and not name.startswith("__")
    }


def possible_types_json() -> str:
    from graph_service.api.schema import build_schema

    return json.dumps(possible_types(build_schema()._schema), indent=2) + "\n"


async def possible_types_endpoint(request: Request) -> JSONResponse:
    from graph_service.api.schema import build_schema

    return JSONResponse(
        possible_types(build_schema()._schema), headers={"Cache-Control": "public, max-age=300"}
    )

"""Parse and validate each distinct document once, not once per request.

Parsing uses Strawberry's `ParserCache`, an LRU keyed by the query text and the parse
options (the token limit among them). Validation is cached here in the same way, keyed by
the schema, the parsed document (the same object for the same text, thanks to the parser
cache) and the validation rules, but unlike Strawberry's `ValidationCache` it leaves alone
a document an earlier extension already refused (the shape limiter stands in for
validation on fragment bombs, which must never reach GraphQL's validation). Both caches are
bounded, so a flood of distinct documents only evicts. Cached errors are never mutated:
masking and error codes build new error objects.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from functools import _CacheInfo, partial
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import ParserCache, SchemaExtension
from strawberry.schema.schema import validate_document

DOCUMENTS_CACHED = 256


class _ValidationCache:
    """`validate_document` memoised by the identity of the schema and the document (the
    parser cache hands the same object for the same text): `lru_cache` would hash the
    whole document tree on every request (about 45 us for the benchmark's queries)."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.hits = self.misses = 0
        self._found: OrderedDict[tuple[int, int], tuple[Any, Any, Any, list[GraphQLError]]] = (
            OrderedDict()
        )

    def __call__(
        self, schema: GraphQLSchema, document: DocumentNode, rules: Any
    ) -> list[GraphQLError]:
        key = (id(schema), id(document))
        entry = self._found.get(key)
        if entry is None or entry[0] is not schema or entry[1] is not document or entry[2] != rules:
            self.misses += 1
            entry = (schema, document, rules, validate_document(schema, document, rules))
            self._found[key] = entry
            if len(self._found) > self.maxsize:
                self._found.popitem(last=False)
        else:
            self.hits += 1
            self._found.move_to_end(key)
        return entry[3]

    def cache_info(self) -> _CacheInfo:
        return _CacheInfo(self.hits, self.misses, self.maxsize, len(self._found))


cached_validate_document = _ValidationCache(DOCUMENTS_CACHED)


class CachedValidation(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.pre_execution_errors is None and context.graphql_document is not None:
            context.pre_execution_errors = cached_validate_document(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        yield


def document_caches() -> list[Callable[[], SchemaExtension]]:
    return [partial(ParserCache, maxsize=DOCUMENTS_CACHED), CachedValidation]

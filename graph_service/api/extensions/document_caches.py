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

from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from strawberry.extensions import ParserCache, SchemaExtension
from strawberry.schema.schema import validate_document

DOCUMENTS_CACHED = 256

cached_validate_document = lru_cache(maxsize=DOCUMENTS_CACHED)(validate_document)


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

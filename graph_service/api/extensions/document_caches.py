"""Parse and validate each distinct document once, not once per request.

Strawberry's own LRU extensions: the parser cache is keyed by the query text (and the
token limit), the validation cache by the schema, the parsed document (the same object for
the same text, thanks to the parser cache) and the validation rules. Both are bounded, so
a flood of distinct documents only evicts; errors are cached like results (they are never
mutated: masking and error codes build new error objects).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

DOCUMENTS_CACHED = 256


def document_caches() -> list[Callable[[], SchemaExtension]]:
    return [
        partial(ParserCache, maxsize=DOCUMENTS_CACHED),
        partial(ValidationCache, maxsize=DOCUMENTS_CACHED),
    ]

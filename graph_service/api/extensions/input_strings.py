"""A request's strings are valid Unicode and of bounded length, and its variables are shallow.

JSON lets a client escape a lone surrogate (`"\\ud800"`) that no UTF-8 encoder, the Bolt
driver's included, can send on; a 400 KB name reaches the graph's indexes and fails the
commit; variables nested thousands deep exhaust recursion in whatever walks them. Each is
the client's mistake, answered before anything runs with a `BAD_USER_INPUT` error that
names the variable path and the limit. The GraphQL lexer already refuses surrogates in the
document, so only the length of its string literals is checked there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from graph_service.api.errors import BAD_USER_INPUT
from graph_service.settings import DEFAULT_MAX_STRING_LENGTH

MAX_VARIABLE_DEPTH = 64
_SETTING = "GRAPH_SERVICE_MAX_STRING_LENGTH"


def _bad_unicode(text: str) -> str | None:
    """The first lone surrogate in `text`, as U+XXXX, if any."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"U+{ord(text[error.start]):04X}"
    return None


def _too_long(path: str, text: str, max_length: int) -> str | None:
    if len(text) > max_length:
        return (
            f"{path} is {len(text)} characters long; the most allowed is {max_length} ({_SETTING})"
        )
    return None


def variable_problem(variables: dict[str, Any], max_length: int) -> str | None:
    """What is wrong with the strings or nesting of `variables`, if anything (iterative, so
    any depth is safe to walk)."""
    stack: list[tuple[str, Any, int]] = [(f"${k}", v, 1) for k, v in variables.items()]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_VARIABLE_DEPTH:
            return f"variables nest more than {MAX_VARIABLE_DEPTH} levels deep (at {path})"
        if isinstance(value, str):
            if (char := _bad_unicode(value)) is not None:
                return f"{path} is not valid Unicode: it holds a lone surrogate ({char})"
            if (why := _too_long(path, value, max_length)) is not None:
                return why
        elif isinstance(value, dict):
            for key, item in value.items():
                if (char := _bad_unicode(key)) is not None:
                    return f"a key in {path} is not valid Unicode: lone surrogate ({char})"
                stack.append((f"{path}.{key}", item, depth + 1))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item, depth + 1) for i, item in enumerate(value))
    return None


class _LongLiterals(Visitor):
    def __init__(self, max_length: int) -> None:
        super().__init__()
        self.max_length = max_length
        self.errors: list[GraphQLError] = []

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        why = _too_long("a string literal", node.value, self.max_length)
        if why is not None:
            self.errors.append(GraphQLError(why, node, extensions={"code": BAD_USER_INPUT}))


class _LiteralVerdicts:
    """The long string literals of recent documents (by identity: the parser cache hands
    the same document object for the same text), so a document is walked once, not once
    per request. Errors are made new for every request that has them."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._found: OrderedDict[int, tuple[DocumentNode, int, list[tuple[str, Any]]]] = (
            OrderedDict()
        )

    def errors(self, document: DocumentNode, max_length: int) -> list[GraphQLError]:
        entry = self._found.get(id(document))
        if entry is None or entry[0] is not document or entry[1] != max_length:
            literals = _LongLiterals(max_length)
            visit(document, literals)
            found = [(e.message, e.nodes) for e in literals.errors]
            entry = self._found[id(document)] = (document, max_length, found)
            if len(self._found) > self.size:
                self._found.popitem(last=False)
        return [
            GraphQLError(m, nodes, extensions={"code": BAD_USER_INPUT}) for m, nodes in entry[2]
        ]


_VERDICTS = _LiteralVerdicts()


def literal_errors(document: DocumentNode, max_length: int) -> list[GraphQLError]:
    """The document's string literals longer than `max_length` (walked once per document)."""
    return _VERDICTS.errors(document, max_length)


class InputStrings(SchemaExtension):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        settings = getattr(context.context, "settings", None)
        max_length = getattr(settings, "max_string_length", DEFAULT_MAX_STRING_LENGTH)
        errors: list[GraphQLError] = []
        problem = variable_problem(context.variables or {}, max_length)
        if problem is not None:
            errors.append(GraphQLError(problem, extensions={"code": BAD_USER_INPUT}))
        elif context.graphql_document is not None:
            errors += literal_errors(context.graphql_document, max_length)
        if errors:
            context.pre_execution_errors = [*(context.pre_execution_errors or []), *errors]
        yield

"""Analyses of a document computed once per document and the variables they read.

An analysis (cost, shape) depends on the document text, the operation that runs and, at
most, a few variables (page sizes, list lengths). `DocumentMemo` keeps results in an LRU
keyed by the schema, the text, the operation name and the values of exactly the variables
the analysis read the first time it ran on that text: the page size changes the key, a
search string the analysis never looks at does not. Bounded: distinct documents evict.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from graphql import DocumentNode, GraphQLSchema

T = TypeVar("T")
Analysis = Callable[[GraphQLSchema, DocumentNode, Mapping[str, Any], str | None], T]

DEFAULT_MAXSIZE = 512


class DocumentMemo(Generic[T]):
    def __init__(self, analyse: Analysis[T], maxsize: int = DEFAULT_MAXSIZE) -> None:
        self._analyse = analyse
        self._maxsize = maxsize
        self._results: OrderedDict[Hashable, T] = OrderedDict()
        self._variables_read: OrderedDict[Hashable, tuple[str, ...]] = OrderedDict()

    def __call__(
        self,
        schema: GraphQLSchema,
        text: str | None,
        document: DocumentNode,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
    ) -> T:
        variables = variables or {}
        if text is None:  # a document given already parsed: nothing to key it by
            return self._analyse(schema, document, variables, operation_name)
        document_key = (schema, text, operation_name)
        names = self._variables_read.get(document_key)
        if names is not None:
            key = (document_key, tuple(_frozen(variables.get(name)) for name in names))
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        recording = _RecordingMapping(variables)
        result = self._analyse(schema, document, recording, operation_name)
        names = tuple(sorted(recording.read))
        key = (document_key, tuple(_frozen(variables.get(name)) for name in names))
        self._remember(self._variables_read, document_key, names)
        self._remember(self._results, key, result)
        return result

    def _remember(self, table: OrderedDict[Hashable, Any], key: Hashable, value: Any) -> None:
        table[key] = value
        table.move_to_end(key)
        while len(table) > self._maxsize:
            table.popitem(last=False)


class _RecordingMapping(Mapping[str, Any]):
    """The variables, noting which ones the analysis looks at."""

    def __init__(self, variables: Mapping[str, Any]) -> None:
        self._variables = variables
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return self._variables[name]

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self.read.add(name)
        return name in self._variables

    def __iter__(self) -> Iterator[str]:
        self.read.update(self._variables)
        return iter(self._variables)

    def __len__(self) -> int:
        self.read.update(self._variables)
        return len(self._variables)


def _frozen(value: Any) -> Hashable:
    """A hashable stand-in for a variable's value (JSON-like: scalars, lists, maps)."""
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("list", tuple(_frozen(v) for v in value))
    if isinstance(value, Hashable):
        return (type(value).__name__, value)
    return ("repr", repr(value))

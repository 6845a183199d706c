"""The shape of an operation after fragment expansion, measured in time linear in the document.

Depth, aliases, the number of field selections and the most fields sharing one response name
in one selection set are what the document would have with every fragment spread replaced by
its fragment. Expanding spreads literally costs exponential time on a "fragment bomb" (each
fragment spreading the previous one ten times: under 1 KB of text stands for billions of
fields), so each fragment is measured once and its measure reused wherever it is spread.
Counts are added up, never materialised.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class Shape:
    """`height`: fields on the longest root-to-leaf path; `aliases`, `selections`: counts."""

    height: int = 0
    aliases: int = 0
    selections: int = 0

    @property
    def depth(self) -> int:
        """Nesting level of the deepest field, root fields being level 0."""
        return max(0, self.height - 1)

    def beside(self, other: Shape) -> Shape:
        """Two sibling selections."""
        return Shape(
            height=max(self.height, other.height),
            aliases=self.aliases + other.aliases,
            selections=self.selections + other.selections,
        )


@dataclass(frozen=True)
class OperationShape:
    name: str
    definition: OperationDefinitionNode
    shape: Shape


def operation_shapes(document: DocumentNode) -> list[OperationShape]:
    """The expanded shape of each operation of `document`."""
    measure = _Measure(_fragments(document))
    return [
        OperationShape(
            name=definition.name.value if definition.name else "anonymous",
            definition=definition,
            shape=measure.selection_set(definition.selection_set),
        )
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]


def field_merge_pairs(document: DocumentNode, operation: OperationDefinitionNode) -> int:
    """Pairs of fields that answer to the same response path, which GraphQL's validation
    ("overlapping fields can be merged") compares one by one.

    Walks the operation with its fragments expanded, so call it only on an operation whose
    expanded `selections` are already known to be few.
    """
    merged = _MergedPaths(_fragments(document))
    merged.add(operation.selection_set, ())
    return sum(n * (n - 1) // 2 for n in merged.counts.values())


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


class _Measure:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.measured: dict[str, Shape] = {}

    def selection_set(self, selection_set: SelectionSetNode) -> Shape:
        total = Shape()
        for node in selection_set.selections:
            total = total.beside(self.selection(node))
        return total

    def selection(self, node: SelectionNode) -> Shape:
        if isinstance(node, FieldNode):
            inner = Shape()
            # Introspection fields (`__schema`, `__type`) are answered from memory: their
            # nesting is the introspection query's, which the token limit bounds.
            if node.selection_set is not None and not node.name.value.startswith("__"):
                inner = self.selection_set(node.selection_set)
            return Shape(
                height=1 + inner.height,
                aliases=inner.aliases + (1 if node.alias else 0),
                selections=1 + inner.selections,
            )
        if isinstance(node, InlineFragmentNode):
            return self.selection_set(node.selection_set)
        if isinstance(node, FragmentSpreadNode):
            return self.fragment(node.name.value)
        return Shape()

    def fragment(self, name: str) -> Shape:
        if name in self.measured:
            return self.measured[name]
        self.measured[name] = Shape()  # a cycle adds nothing; validation rejects cycles
        definition = self.fragments.get(name)
        if definition is not None:
            self.measured[name] = self.selection_set(definition.selection_set)
        return self.measured[name]


class _MergedPaths:
    """How many fields of the expanded operation answer to each response path.

    A fragment spread again where it was already spread adds nothing, as in validation and
    execution, which merge a fragment into a selection set once (this also ends cycles).
    """

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.spread: set[tuple[tuple[str, ...], str]] = set()

    def add(self, selection_set: SelectionSetNode, path: tuple[str, ...]) -> None:
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                field_path = (*path, (node.alias or node.name).value)
                self.counts[field_path] += 1
                if node.selection_set is not None:
                    self.add(node.selection_set, field_path)
            elif isinstance(node, InlineFragmentNode):
                self.add(node.selection_set, path)
            elif isinstance(node, FragmentSpreadNode):
                definition = self.fragments.get(node.name.value)
                if definition is not None and (path, node.name.value) not in self.spread:
                    self.spread.add((path, node.name.value))
                    self.add(definition.selection_set, path)

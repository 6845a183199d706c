"""Every shape the read translation can produce, as GraphQL documents and statements.

`python -m tests.api.translate.corpus DIR` writes one `.cypher` file per statement; the
Makefile's `lint-cypher` lints them with Neo4j's own parser (tools/lint_cypher.mjs), and
`test_corpus.py` checks that the corpus covers each filter operator, each ordering, each
relationship field in each direction, nesting, asOf/year and paging both ways.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
)

from graph_service.api.errors import LimitExceededError
from graph_service.api.filters import DEFAULT_EDGE_ORDER, DEFAULT_ENTITY_ORDER, compile_order
from graph_service.api.filters.inputs import FIELD_SPECS
from graph_service.api.schema import build_schema
from graph_service.api.translate import cursors
from graph_service.api.translate.cypher import (
    Statement,
    entities_statement,
    list_binding,
    relation_binding,
)
from graph_service.api.translate.neighbourhood import neighbourhood_statement
from graph_service.api.translate.offline import RootPlan, plan_document
from graph_service.api.translate.ordering import edge_keys, entity_keys
from graph_service.api.translate.params import Params
from graph_service.api.translate.paths import halves_statement
from graph_service.api.translate.plan import ListPlan
from graph_service.api.translate.scores import index_scores_statement
from graph_service.ontology import (
    ENTITY_KINDS,
    RELATIONSHIP_TYPES,
    RELATIONSHIPS_BY_NAME,
    RelationshipType,
    relationship_properties,
    relationships_from,
    relationships_to,
)

_SCALARS = {"String": '"a"', "ID": '"a"', "Int": "1", "Float": "1.5", "Boolean": "true"}
_SCALARS["Date"] = '"2024-01-01"'
_COMBINATORS = ("and", "or", "not")


def _schema_type(name: str) -> GraphQLInputObjectType:
    found = build_schema()._schema.get_type(name)
    assert isinstance(found, GraphQLInputObjectType), name
    return found


def literal(kind: GraphQLInputType, depth: int = 0) -> str:
    """A GraphQL literal setting every field of an input, one level of and/or/not."""
    if isinstance(kind, GraphQLNonNull):
        return literal(kind.of_type, depth)
    if isinstance(kind, GraphQLList):
        return f"[{literal(kind.of_type, depth)}]"
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if not isinstance(kind, GraphQLInputObjectType):
        return _SCALARS[kind.name]
    parts = []
    for name, field in kind.fields.items():
        if name in _COMBINATORS:
            if depth == 0:
                parts.append(f"{name}: {_minimal(field.type)}")
            continue
        parts.append(f"{name}: {literal(field.type, depth + 1)}")
    return "{" + ", ".join(parts) + "}"


def _minimal(kind: GraphQLInputType) -> str:
    """The smallest literal of a filter: its first field's `equals` (or first operator)."""
    many = False
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        many = many or isinstance(kind, GraphQLList)
        kind = kind.of_type
    assert isinstance(kind, GraphQLInputObjectType)
    name, field = next(iter(kind.fields.items()))
    operators = field.type
    assert isinstance(operators, GraphQLInputObjectType)
    operator, definition = next(iter(operators.fields.items()))
    text = f"{{{name}: {{{operator}: {literal(definition.type, 2)}}}}}"
    return f"[{text}]" if many else text


def filter_documents() -> Iterator[str]:
    """Every operator of every kind of filter field once (ids, names, each value type,
    lists), and/or/not, and each relationship condition (type and direction) once with
    `some`, `none` and `all` over its properties and its other end."""
    covered: set[object] = set()
    for kind in ENTITY_KINDS:
        input_type = _schema_type(f"{kind.name}Filter")
        specs = FIELD_SPECS[f"{kind.name}Filter"]
        for name, field in input_type.fields.items():
            spec = specs[f"f_{name}"]
            if spec.role == "relation":
                shape: object = (spec.rel.name if spec.rel else None, spec.direction)
            elif name in _COMBINATORS:
                shape = name
            else:
                shape = (spec.role, spec.prop.type if spec.prop else None)
            if shape in covered:
                continue
            covered.add(shape)
            if name in _COMBINATORS:
                value = f"{{{name}: {_minimal(field.type)}}}"
            elif spec.role == "relation":
                value = "{" + f"{name}: {_quantified(field.type)}" + "}"
            else:
                value = "{" + f"{name}: {literal(field.type, 1)}" + "}"
            yield (
                f"{{ {kind.plural}(first: 3, filter: {value}) "
                "{ totalCount edges { node { id } } } }"
            )


def _quantified(condition: GraphQLInputType) -> str:
    assert isinstance(condition, GraphQLInputObjectType)
    edge = condition.fields["some"].type
    assert isinstance(edge, GraphQLInputObjectType)
    own = [
        f"{k}: {_minimal(f.type) if k in _COMBINATORS else literal(f.type, 1)}"
        for k, f in edge.fields.items()
        if k != "node"
    ]
    node = f"node: {_minimal(edge.fields['node'].type)}"
    return f"{{some: {{{', '.join(own)}}}, none: {{{node}}}, all: {{{own[0]}}}}}"


def order_documents() -> Iterator[str]:
    """Each kind by each of its own sort fields, three keys a document, alternating
    directions; each relationship value (type, direction) once, with and without a year;
    each relationship page's sort fields."""
    covered: set[str] = set()
    for kind in ENTITY_KINDS:
        sort_field = build_schema()._schema.get_type(f"{kind.name}SortField")
        assert isinstance(sort_field, GraphQLEnumType)
        keys = []
        for i, (value, definition) in enumerate(sort_field.values.items()):
            stored = str(getattr(definition.value, "value", definition.value))
            shape = stored.rsplit(":", 1)[0] if stored.startswith("rel:") else stored
            if shape in covered and (stored.startswith("rel:") or len(covered) > 40):
                continue
            covered.add(shape)
            direction = "DESC" if i % 2 else "ASC"
            year = ", year: 2023" if stored.startswith("rel:") and i % 2 else ""
            keys.append(f"{{field: {value}, direction: {direction}{year}}}")
        for start in range(0, len(keys), 3):
            order = "[" + ", ".join(keys[start : start + 3]) + "]"
            yield f"{{ {kind.plural}(first: 3, orderBy: {order}) {{ edges {{ node {{ id }} }} }} }}"
    seen: set[str] = set()
    for kind in ENTITY_KINDS:
        for rel, field_name in _relation_fields(kind.name):
            stem = "".join(p.capitalize() for p in rel.name.split("_"))
            if stem in seen:
                continue
            seen.add(stem)
            sort_field = build_schema()._schema.get_type(f"{stem}SortField")
            assert isinstance(sort_field, GraphQLEnumType)
            values = list(sort_field.values)[-3:]  # its own last property, the other end's
            for start in range(0, len(values), 3):
                order = ", ".join(
                    f"{{field: {v}, direction: {'DESC' if i % 2 else 'ASC'}}}"
                    for i, v in enumerate(values[start : start + 3])
                )
                yield (
                    f'{{ node(id: "a") {{ ... on {kind.name} {{ {field_name}(first: 2, '
                    f"orderBy: [{order}]) {{ edges {{ node {{ id }} }} }} }} }} }}"
                )


def _relation_fields(kind: str) -> list[tuple[RelationshipType, str]]:
    found: list[tuple[RelationshipType, str]] = [
        (r, r.outgoing_field) for r in relationships_from(kind)
    ]
    return found + [(r, r.incoming_field) for r in relationships_to(kind)]


def relationship_documents() -> Iterator[str]:
    """Each relationship type in each direction, with every edge field, its sources, its
    filter, `asOf` and `year` where the type has them."""
    seen: set[str] = set()
    for kind in ENTITY_KINDS:
        for rel, field_name in _relation_fields(kind.name):
            if field_name in seen:
                continue
            seen.add(field_name)
            props = [p.name for p in relationship_properties(rel)]
            edge_fields = " ".join(_camel(p) for p in props)
            args = ["first: 2"]
            if rel.dated:
                args.append('asOf: "2024-05-27"')
            if "year" in props:
                args.append("year: 2024")
            yield (
                f'{{ node(id: "a") {{ id ... on {kind.name} {{ {field_name}({", ".join(args)}) '
                f"{{ totalCount pageInfo {{ hasNextPage }} edges {{ cursor relationshipId "
                f"verified {edge_fields} sources {{ id url }} node {{ id name kind }} }} }} "
                "} } }"
            )


def nesting_documents() -> Iterator[str]:
    yield """{ localGovernments(first: 5) { totalCount edges { node { id name sources { url }
      awardsReceived(first: 3) { totalCount edges { rank sources { url } node { id
        ... on AwardCategory { award(first: 1) { edges { node { id name sources { url }
          ... on Award { presentedAt { edges { node { id name } } } } } } } } } } }
      indexScores(year: 2023) { edges { value node { id } } } } } } }"""
    yield """{ nodes(ids: ["a", "b"]) { id ... on Entity { name kind }
      ... on LocalGovernment { awardsReceived { edges { node { id } } } }
      ... on Agency { awardsReceived { edges { node { id } } } }
      ... F } }
      fragment F on Ministry { officials(asOf: "2024-05-27") { edges { role node { name } } } }"""
    # Nested pages under a page cut before its projection: a filter on another index,
    # an order by a relationship value (neither is read from the name index in order).
    yield """{ localGovernments(first: 5, filter: {level: {equals: CITY}}) { edges { node {
      id awardsReceived(first: 3) { edges { node { id } } } } } } }"""
    yield """{ localGovernments(last: 5, orderBy: [{field: INDEX_SCORES_VALUE, year: 2023}]) {
      edges { node { id sources { url } } } } }"""


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.capitalize() for p in rest)


def _with_cursors(root: RootPlan, key_value: object) -> Iterator[RootPlan]:
    """The plan paged forward from a cursor and backward to one (key values set or null)."""
    plan = root.plan
    if isinstance(plan, ListPlan):
        slots = [
            s for s in compile_order(plan.order_by, DEFAULT_ENTITY_ORDER) if s["source"] != "none"
        ]
        count = len(entity_keys(Params(), slots, "n").keys)
        cursor = cursors.encode(list_binding(plan), [key_value] * count, "a")
        for page in (
            dataclasses.replace(plan.page, after=cursor),
            dataclasses.replace(plan.page, first=None, last=2, before=cursor),
            dataclasses.replace(plan.page, after=cursor, before=cursor),
        ):
            yield RootPlan(dataclasses.replace(plan, page=page), root.ids, root.many)
    else:
        for index in range(len(plan.relations)):
            yield from _relation_cursors(root, index, key_value)


def _relation_cursors(root: RootPlan, index: int, key_value: object) -> Iterator[RootPlan]:
    assert not isinstance(root.plan, ListPlan)
    relation = root.plan.relations[index]
    slots = compile_order(relation.order_by, DEFAULT_EDGE_ORDER)
    count = len(edge_keys(slots, "r", "m", relation.rel).keys)
    cursor = cursors.encode(relation_binding(relation), [key_value] * count, "a")
    for page in (
        dataclasses.replace(relation.page, after=cursor),
        dataclasses.replace(relation.page, first=None, last=2, before=cursor),
    ):
        plan = copy.deepcopy(root.plan)
        plan.relations[index].page = page
        yield RootPlan(plan, root.ids, root.many)


def paging_documents() -> Iterator[str]:
    yield "{ localGovernments(first: 2) { totalCount edges { cursor node { id } } } }"
    yield "{ events(last: 2) { edges { cursor node { id } } } }"
    yield """{ localGovernments(first: 2, orderBy: [{field: INDEX_SCORES_VALUE, direction: DESC,
      year: 2023}, {field: LEVEL}]) { edges { node { id } } } }"""
    yield """{ node(id: "a") { ... on AwardCategory { recipients(first: 2, orderBy: [{field: RANK},
      {field: NODE_NAME, direction: DESC}]) { edges { node { id } } } } } }"""
    # `asOfPrecision` reads the window's bounds and precisions.
    yield """{ node(id: "a") { ... on Ministry { officials(first: 2, asOf: "2024-05-27") {
      edges { asOfPrecision validFromPrecision node { id } } } } } }"""
    # An edition's recipients are derived through its categories (incoming_through).
    yield """{ node(id: "a") { ... on Award { recipients(first: 2, asOf: "2024-05-01",
      filter: {rank: {lte: 3}}) { totalCount edges { node { id } } } } } }"""


def documents() -> Iterator[tuple[str, str]]:
    for group, make in (
        ("filter", filter_documents),
        ("order", order_documents),
        ("relationship", relationship_documents),
        ("nesting", nesting_documents),
        ("paging", paging_documents),
    ):
        for i, document in enumerate(make()):
            yield f"{group}-{i:03d}", document


def exploration_statements() -> Iterator[tuple[str, Statement]]:
    """Statements of the fields that find entities another way: the entities read at
    positions (search, paths, supportedBy), neighbourhoods (each depth and direction, with
    and without `asOf`), paths of each length, index score statistics (each filter shape,
    one or several kinds, with and without a year)."""
    plans = []
    for document in nesting_documents():
        for root in plan_document(document):
            plans.append(root.plan.node if isinstance(root.plan, ListPlan) else root.plan)
    yield "reached-000", entities_statement([(plans[0], ["a", "b"])])
    yield "reached-001", entities_statement([(plans[0], ["a"]), (plans[-1], ["b", "c"])])
    types = [r.name for r in RELATIONSHIP_TYPES]
    for depth, direction, as_of in (  # each depth, each direction, with and without asOf
        (1, "OUT", None),
        (2, "IN", "2024-05-27"),
        (2, "BOTH", None),
        (3, "BOTH", "2024-05-27"),
    ):
        name = f"neighbourhood-{depth}-{direction.lower()}-{'asof' if as_of else 'all'}"
        yield (
            name,
            neighbourhood_statement(
                plans[depth % len(plans)],
                "a",
                depth=depth,
                types=types if direction == "BOTH" else types[:2],
                direction=direction,
                as_of=as_of,
                limit=100,
                edge_props=None if depth % 2 else {"id", "unverified", "rank"},
            ),
        )
    for length in range(1, 5):  # each length, following every type or one
        yield f"paths-{length}", halves_statement(length, types if length % 2 else types[:1])
    for name, document in documents():  # the predicates are linted with the lists already
        if not name.startswith("filter") or int(name[-3:]) % 10:
            continue
        for root in plan_document(document):
            assert isinstance(root.plan, ListPlan)
            yield f"scores-{name}", index_scores_statement([root.plan.kind], root.plan.filter, 2023)
    kinds = sorted(RELATIONSHIPS_BY_NAME["HAS_SPBE_INDEX"].sources)
    yield "scores-all", index_scores_statement(kinds, None, None)


def statements() -> Iterator[tuple[str, Statement]]:
    """(name, statement) for every document of the corpus, cursors included for paging,
    and the exploration statements."""
    yield from exploration_statements()
    for name, document in documents():
        for i, root in enumerate(plan_document(document)):
            try:
                statement = root.statement()
            except LimitExceededError:
                print(f"{name}: refused as too large: {document}", file=sys.stderr)
                continue
            yield f"{name}-{i}", statement
            if name.startswith("paging"):
                for j, paged in enumerate([*_with_cursors(root, "x"), *_with_cursors(root, None)]):
                    yield f"{name}-{i}-cursor-{j}", paged.statement()


def write(directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.cypher"):
        old.unlink()
    count = 0
    for name, statement in statements():
        (directory / f"{name}.cypher").write_text(statement.text + "\n", encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".data/cypher-corpus")
    print(f"{write(target)} generated statements written to {target}")

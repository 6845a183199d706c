"""The exact Cypher of representative translations, pinned (no database needed).

A change to the translation shows up here as a diff of the statement text; rewrite the
snapshots with `UPDATE_SNAPSHOTS=1 pytest tests/api/translate/test_snapshots.py` after
checking that the new text is what you meant.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse
from graphql.execution.values import VariableValues

from graph_service.api.schema import build_schema
from graph_service.api.translate import cursors
from graph_service.api.translate.cypher import Statement, entities_statement, list_binding
from graph_service.api.translate.neighbourhood import neighbourhood_statement
from graph_service.api.translate.offline import plan_document, translate
from graph_service.api.translate.paths import halves_statement
from graph_service.api.translate.plan import EntityPlan, ListPlan
from graph_service.api.translate.scores import index_scores_statement
from graph_service.api.translate.selection import Selection

SNAPSHOTS = Path(__file__).parent / "snapshots"

CASES = {
    "point_lookup_with_awards": """{ node(id: "pemkot-cimahi") { ... on LocalGovernment {
        name awardsReceived(first: 5) { edges { rank year node { name } } } } } }""",
    "kind_list_default_order": """{ localGovernments(first: 10) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id name level } } } }""",
    "filter_and_or_not_relationship": """{ localGovernments(first: 20, filter: {
        indexScores: {some: {year: {equals: 2023}, value: {gt: 4.0}}}
        or: [{level: {equals: CITY}}, {level: {in: [REGENCY, PROVINCE]}}]
        not: {name: {contains: "kota"}} }) { edges { node { name } } } }""",
    "order_by_best_relationship_value_of_a_year": """{ localGovernments(first: 5,
        orderBy: [{field: INDEX_SCORES_VALUE, direction: DESC, year: 2023}]) {
        edges { node { name } } } }""",
    "nested_pages_with_sources": """{ localGovernments(first: 100) { edges { node { id name
        sources { url } awardsReceived(first: 10) { totalCount edges { rank sources { url }
        node { id ... on AwardCategory { award(first: 1) { edges { node { name } } } } }
        } } } } } }""",
    "as_of_and_last": """{ node(id: "kementerian-panrb") { ... on Ministry {
        officials(asOf: "2024-05-27", last: 3) { edges { role node { name } } } } } }""",
    "text_filter_on_a_property": """{ events(first: 5, filter: {venue: {contains: "Jakarta"}}) {
        edges { node { name } } } }""",
}


def _node_plan(document: str) -> EntityPlan:
    (root,) = plan_document(document)
    return root.plan.node if isinstance(root.plan, ListPlan) else root.plan


def _score_filter() -> object:
    (root,) = plan_document(CASES["filter_and_or_not_relationship"])
    assert isinstance(root.plan, ListPlan)
    return root.plan.filter


def _officials_beside(cursor_argument: str) -> list[Statement]:
    """A page of officials after (or before) a row: the keyset the deep page uses."""
    (root,) = plan_document("{ officials(first: 20) { edges { node { id name } } } }")
    assert isinstance(root.plan, ListPlan)
    cursor = cursors.encode(list_binding(root.plan), ["Nur Hadi Saputra 5"], "syn-official-27873")
    return translate(
        f'{{ officials({cursor_argument}: "{cursor}") {{ edges {{ node {{ name }} }} }} }}'
    )


PAGES = {
    "keyset_page_after_a_row": lambda: _officials_beside("first: 20, after"),
    "keyset_page_before_a_row": lambda: _officials_beside("last: 20, before"),
}

REACHED = """{ node(id: "a") { id name ... on LocalGovernment {
    awardsReceived(first: 3) { edges { rank node { name } } } } } }"""

EXPLORATION = {
    "search_page_entities": lambda: [entities_statement([(_node_plan(REACHED), ["a", "b"])])],
    "neighbourhood_depth_2_as_of": lambda: [
        neighbourhood_statement(
            _node_plan(REACHED),
            "pemkot-cimahi",
            depth=2,
            types=["RECEIVED_AWARD", "HAS_CATEGORY"],
            direction="BOTH",
            as_of="2024-05-27",
            limit=100,
        )
    ],
    "paths_of_four_hops": lambda: [halves_statement(4, ["RECEIVED_AWARD", "HAS_CATEGORY"])],
    "index_score_stats_filtered": lambda: [
        index_scores_statement(["LocalGovernment", "Agency"], _score_filter(), 2023)
    ],
}


@pytest.mark.parametrize("name", sorted(CASES) + sorted(EXPLORATION) + sorted(PAGES))
def test_translation_matches_its_snapshot(name: str) -> None:
    built = {**EXPLORATION, **PAGES}
    statements: list[Statement] = translate(CASES[name]) if name in CASES else built[name]()
    text = "\n;\n".join(s.text for s in statements) + "\n"
    params = {k: v for s in statements for k, v in s.params.items() if k != "fold"}
    rendered = text + "// params: " + json.dumps(params, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{name}.cypher"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


def test_the_folding_table_is_sent_only_with_a_text_filter() -> None:
    (plain,) = translate("{ events(first: 5) { edges { node { name } } } }")
    assert "fold" not in plain.params
    (text,) = translate(CASES["text_filter_on_a_property"])
    assert "fold" in text.params


@pytest.mark.parametrize(
    ("edges", "props"),
    [
        ("type from to", {"id"}),
        ("id __typename verified", {"id", "unverified"}),
        (
            "... on ReceivedAwardRelationship { rank year } ... on GraphEdge { to }",
            {"id", "rank", "year"},
        ),
        (
            "... on HoldsPositionRelationship { role validFrom validFromPrecision }",
            {"id", "role", "valid_from", "valid_from_precision"},
        ),
        ("... on AcceptedAwardRelationship { onBehalfOfId }", {"id", "on_behalf_of"}),
        ("type properties", None),
        ("sources { id }", None),
    ],
)
def test_a_subgraph_reads_only_the_relationship_properties_selected(
    edges: str, props: set[str] | None
) -> None:
    schema = build_schema()
    document = parse(f'{{ neighborhood(id: "x") {{ edges {{ {edges} }} }} }}')
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    selection = Selection(schema._schema, {}, VariableValues({}, {}), schema, 100, 20)
    nodes = [n for n in operation.selection_set.selections if isinstance(n, FieldNode)]
    assert selection.graph_edge_props(nodes, "Subgraph") == props

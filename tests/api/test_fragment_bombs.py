"""Documents far larger once expanded than as sent are refused at once, and never hold the
event loop: the shape of an operation is measured with each fragment measured once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest
from graphql import parse
from starlette.testclient import TestClient

from graph_service.api.limits.shape import field_merge_pairs, operation_shapes
from graph_service.graph.executor import Graph
from graph_service.settings import Settings
from tests.live_server import serve_in_thread

HEADERS = {"Accept": "application/graphql-response+json", "X-Graph-Trace": "1"}


def fragment_bomb(levels: int, width: int) -> str:
    """The issue's reproduction: F_i spreads F_(i-1) `width` times, `levels` deep."""
    return (
        "fragment F0 on Query { stats { totalEntities } }\n"
        + "".join(
            f"fragment F{i} on Query {{ " + f"...F{i - 1} " * width + "}\n"
            for i in range(1, levels + 1)
        )
        + f"{{ ...F{levels} }}"
    )


def repeated_tree(levels: int) -> str:
    """Each level asks for `sources` twice: 2^levels fields answer to the deepest path."""
    inner = "id"
    for _ in range(levels):
        inner = f"sources {{ {inner} }} sources {{ {inner} }}"
    return f'{{ node(id: "pemkot-cimahi") {{ ... on Entity {{ {inner} }} }} }}'


BOMBS = {
    "the issue's 674 bytes": (fragment_bomb(7, 10), "selects 20000000 fields"),
    "860 bytes": (fragment_bomb(9, 10), "selects 2000000000 fields"),
    "thirty levels of two": (fragment_bomb(30, 2), "selects 2147483648 fields"),
    "the same field 400 times": (
        "{" + " stats { totalEntities }" * 400 + " }",
        "through 159600 pairs of fields",
    ),
    "a repeated tree": (repeated_tree(8), "pairs of fields"),
}


def post(client: TestClient, query: str) -> Any:
    return client.post("/graphql", json={"query": query}, headers=HEADERS)


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_refused_with_a_400_before_any_cypher(client: TestClient, name: str) -> None:
    query, words = BOMBS[name]
    response = post(client, query)
    assert response.status_code == 400, response.text
    body = response.json()
    assert "data" not in body
    assert words in body["errors"][0]["message"], body
    assert body.get("extensions", {}).get("graph", {}).get("queryCount", 0) == 0


def test_the_issues_bomb_is_under_one_kilobyte() -> None:
    assert len(json.dumps({"query": fragment_bomb(7, 10)})) < 1024


def test_fragments_within_the_limits_still_run(client: TestClient) -> None:
    response = post(client, fragment_bomb(3, 10))  # 1,000 spreads of one fragment, merged once
    assert response.status_code == 200, response.text
    assert response.json()["data"]["stats"]["totalEntities"] > 0


def test_shape_counts_what_expansion_would_give() -> None:
    document = parse(
        """query Q { a: node(id: "x") { ...E } ...R }
           fragment E on Entity { id sources { ...S } }
           fragment S on Source { id url }
           fragment R on Query { b: node(id: "y") { ...E } c: node(id: "z") { ...E } }"""
    )
    (operation,) = operation_shapes(document)
    assert operation.name == "Q"
    # node, id, sources, id, url under each of a, b and c
    assert operation.shape.selections == 15
    assert operation.shape.aliases == 3
    assert operation.shape.depth == 2  # node > sources > url
    assert field_merge_pairs(document, operation.definition) == 0
    repeated = parse("{ a { b } a { b c } }")
    (operation,) = operation_shapes(repeated)
    assert field_merge_pairs(repeated, operation.definition) == 2  # a with a, b with b


def test_a_fragment_cycle_is_measured_and_left_to_validation(client: TestClient) -> None:
    response = post(client, "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert response.status_code == 400
    assert "Cannot spread fragment" in response.json()["errors"][0]["message"]


@pytest.fixture(scope="module")
def live(graph: Graph, settings: Settings) -> Iterator[str]:
    with serve_in_thread(settings) as url:
        yield url


def test_health_answers_while_bombs_arrive(live: str) -> None:
    """Bombs sent by several clients at once; /healthz is asked meanwhile and answers."""
    answers: list[int] = []

    def bomb() -> None:
        with httpx.Client(base_url=live, timeout=20) as http:
            for query, _ in BOMBS.values():
                response = http.post("/graphql", json={"query": query}, headers=HEADERS)
                answers.append(response.status_code)

    senders = [threading.Thread(target=bomb) for _ in range(4)]
    for sender in senders:
        sender.start()
    with httpx.Client(base_url=live, timeout=5) as http:
        health = [http.get("/healthz").status_code for _ in range(10)]
    for sender in senders:
        sender.join()
    assert health == [200] * 10
    assert answers == [400] * (4 * len(BOMBS))

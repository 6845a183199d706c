"""Every fact of shared/reference/spbe-facts.json is in the seeded graph, with its sources.

Read through GraphQL over HTTP, as a user would find them. Reference ids and relations that
changed on the way into the ontology are mapped by tests/reference/mapping.yaml; a fact's
sources in the graph are Source entities whose `url`s include every URL the reference cites.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import GraphQLClient

# A copy of shared/reference/spbe-facts.json, kept with the tests so that they always run.
REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "spbe-facts.json"
MAPPING = Path(__file__).resolve().parents[1] / "reference" / "mapping.yaml"
CHUNK = 25

Triple = tuple[str, str, str]


@cache
def _reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return data


@cache
def _mapping() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    return data


def _urls(sources: list[str]) -> set[str]:
    """The URLs among a reference fact's sources (a secondary file without a URL is left out)."""
    return {s for s in sources if s.startswith(("http://", "https://"))}


def _seed_id(reference_id: str) -> str | None:
    renamed: dict[str, str | None] = _mapping()["entities"]
    return renamed.get(reference_id, reference_id)


def _expected_entities() -> dict[str, set[str]]:
    """Seed key -> the source URLs it must cite, for every reference entity kept."""
    expected = {}
    for entity in _reference()["entities"]:
        key = _seed_id(entity["id"])
        if key is not None:
            expected[key] = _urls(entity["sources"])
    return expected


def _expected_relationships() -> list[tuple[Triple, str | None, set[str], str]]:
    """(seed from/type/to, seed key or None, URLs, description) of every reference relation."""
    remapped = {tuple(r["reference"]): r["seed"] for r in _mapping()["relations"]}
    seen: dict[Triple, int] = defaultdict(int)
    expected = []
    for rel in _reference()["relations"]:
        triple = (rel["from"], rel["type"], rel["to"])
        index = seen[triple]
        seen[triple] += 1
        what = f"{'/'.join(triple)}#{index}"
        if (*triple, index) in remapped:
            seed = remapped[(*triple, index)]
            if seed is None:
                continue
            target: Triple = (seed["from"], seed["type"], seed["to"])
            expected.append((target, seed.get("key"), _urls(rel["sources"]), what))
            continue
        ends = _seed_id(rel["from"]), _seed_id(rel["to"])
        assert ends[0] is not None and ends[1] is not None, f"{what} touches an omitted entity"
        expected.append(((ends[0], rel["type"], ends[1]), None, _urls(rel["sources"]), what))
    return expected


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def test_the_mapping_explains_every_omission() -> None:
    omitted = {k for k, v in _mapping()["entities"].items() if v is None}
    assert omitted == set(_mapping()["omitted_entities"])
    assert all(r.get("reason") for r in _mapping()["relations"])


def _cited(node: dict[str, Any]) -> set[str]:
    """The URLs an entity rests on: its sources', and a Source's own (it cites itself)."""
    own = {node["url"]} if node.get("url") else set()
    return own | {s["url"] for s in node["sources"]}


def test_every_reference_entity_is_present_with_its_sources(gql: GraphQLClient) -> None:
    expected = _expected_entities()
    assert len(expected) >= 180
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(expected)):
        data = gql.data(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity "
            "{ verified sources { id url } } ... on Source { url } } }",
            {"ids": chunk},
        )
        found.update({n["id"]: n for n in data["nodes"] if n is not None})
    missing = sorted(expected.keys() - found.keys())
    assert not missing, f"reference entities missing from the graph: {missing}"
    unsourced = {
        key: sorted(urls - _cited(found[key]))
        for key, urls in expected.items()
        if urls - _cited(found[key])
    }
    assert not unsourced, f"source URLs the graph does not cite: {unsourced}"
    assert all(node["verified"] for node in found.values())


def _outgoing_edges(gql: GraphQLClient, ids: list[str]) -> dict[Triple, list[dict[str, Any]]]:
    edges: dict[Triple, list[dict[str, Any]]] = defaultdict(list)
    for chunk in _chunks(ids):
        fields = " ".join(
            f'n{i}: neighborhood(id: "{key}", depth: 1, direction: OUT, limit: 500) '
            "{ truncated edges { id type from to sources { url } } }"
            for i, key in enumerate(chunk)
        )
        data = gql.data(f"{{ {fields} }}")
        for i, key in enumerate(chunk):
            subgraph = data[f"n{i}"]
            assert subgraph is not None, f"{key} is missing"
            assert not subgraph["truncated"]
            for edge in subgraph["edges"]:
                edges[(edge["from"], edge["type"], edge["to"])].append(edge)
    return edges


def _match(wanted: list[set[str]], offered: list[set[str]]) -> bool:
    """Whether each wanted URL set can be given its own offered superset (bipartite match)."""
    owner: dict[int, int] = {}

    def place(i: int, tried: set[int]) -> bool:
        for j, urls in enumerate(offered):
            if j in tried or not wanted[i] <= urls:
                continue
            tried.add(j)
            if j not in owner or place(owner[j], tried):
                owner[j] = i
                return True
        return False

    return all(place(i, set()) for i in range(len(wanted)))


def test_every_reference_relationship_is_present_with_its_sources(gql: GraphQLClient) -> None:
    expected = _expected_relationships()
    assert len(expected) >= 190
    edges = _outgoing_edges(gql, sorted({triple[0] for triple, *_ in expected}))
    wanted: dict[tuple[Triple, str | None], list[tuple[set[str], str]]] = defaultdict(list)
    for triple, key, urls, what in expected:
        wanted[(triple, key)].append((urls, what))
    problems = []
    for (triple, key), facts in wanted.items():
        offered = [
            {s["url"] for s in edge["sources"]}
            for edge in edges.get(triple, [])
            if key is None or edge["id"].endswith(f"#{key}")
        ]
        if not _match([urls for urls, _ in facts], offered):
            problems.append(
                f"{[what for _, what in facts]}: {len(offered)} edge(s) {'/'.join(triple)} "
                f"in the graph, citing {offered}; the reference cites {[u for u, _ in facts]}"
            )
    assert not problems, "\n".join(problems)


def test_secondary_facts_are_left_out(gql: GraphQLClient) -> None:
    data = gql.data(
        '{ secondary: node(id: "src-gt-github") { id } '
        'round: node(id: "evaluasi-spbe-2024") { ... on Evaluation { nationalIndex '
        "institutionsEvaluated } } }"
    )
    assert data["secondary"] is None
    secondary = next(e for e in _reference()["entities"] if e["id"] == "evaluasi-spbe-2024")
    assert any(name.endswith("_secondary") for name in secondary["props"])
    assert data["round"]["nationalIndex"] is None

"""Cypher-shaped input is refused by validation or stored as plain data, never executed.

Values travel as parameters, keys must match `KEY_PATTERN`, and labels, relationship types
and property names can only be chosen from the ontology through typed inputs. Each test
checks that the graph's entity count did not move and that stored strings read back
exactly as sent.
"""

from __future__ import annotations

import pytest

from graph_service.loading.validation import KEY_PATTERN
from graph_service.queries import CypherQuery
from tests.api.test_mutations import CREATE_AGENCY, EDITOR, Api, agency, api, cleanup
from tests.conftest import GraphQLClient

__all__ = ["api"]  # the fixture, shared with test_mutations

CRAFTED = [
    "x}) DETACH DELETE n //",
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "Agency:Entity",
    "`a`",
    "`) DETACH DELETE n //",
    "$param",
    "{props}",
    "\u201cquoted\u201d \u2018single\u2019 \uff07full-width\uff07",
    "a\\' OR 1=1 //",
    "/* comment */ RETURN 1",
    "line\nbreak; MATCH (n) DELETE n",
]


@pytest.mark.parametrize("text", CRAFTED)
async def test_crafted_values_are_stored_verbatim(api: Api, gql: GraphQLClient, text: str) -> None:
    before = await api.entity_count()
    fields = {"name": text, "aliases": [text], "description": text, "agencyType": text}
    try:
        result = await api.one(*CREATE_AGENCY, {"agency": agency("mut-inj", **fields)})
        assert result["__typename"] == "CreateEntitySuccess", result
        assert await api.entity_count() == before + 1
        stored = await api.stored("mut-inj")
        assert stored is not None
        assert stored["name"] == stored["description"] == stored["agency_type"] == text
        assert stored["aliases"] == [text]
        read = gql.data(
            "query($id: ID!) { node(id: $id) { "
            "... on Agency { name aliases description agencyType } } }",
            {"id": "mut-inj"},
        )
        assert read["node"] == {
            "name": text,
            "aliases": [text],
            "description": text,
            "agencyType": text,
        }
        patched = await api.one(
            "updateAgency", 'id: "mut-inj", input: $patch', "", {"patch": {"note": text}}
        )
        assert patched["__typename"] == "UpdateEntitySuccess"
        assert (await api.stored("mut-inj") or {})["note"] == text
    finally:
        await cleanup(api, "mut-inj")
    assert await api.entity_count() == before


ILLEGAL_KEYS = [text for text in CRAFTED if not KEY_PATTERN.match(text)]


@pytest.mark.parametrize("text", ILLEGAL_KEYS)
async def test_crafted_keys_are_refused(api: Api, text: str) -> None:
    before = await api.entity_count()
    created = await api.one(*CREATE_AGENCY, {"agency": agency(text)})
    assert created["__typename"] == "ValidationFailed"
    assert [p["field"] for p in created["problems"]] == ["input.id"]
    batch = await api.one(
        "upsertEntities", "inputs: $inputs", "", {"inputs": [{"agency": agency(text)}]}
    )
    assert [p["field"] for p in batch["problems"]] == ["inputs[0].agency.id"]
    linked = await api.one(
        "linkGoverns",
        'from: "pemkot-cimahi", to: "kota-cimahi", sources: ["src-indoart"], key: $name',
        "",
        {"name": text},
    )
    assert [p["field"] for p in linked["problems"]] == ["key"]
    assert await api.entity_count() == before


@pytest.mark.parametrize("text", CRAFTED)
async def test_crafted_ids_in_lookups_find_nothing_and_change_nothing(api: Api, text: str) -> None:
    before = await api.entity_count()
    updated = await api.one("updateAgency", 'id: $id, input: {note: "x"}', "", {"id": text})
    assert updated["__typename"] == "NotFound" and updated["id"] == text
    deleted = await api.one("deleteAgency", "id: $id, detach: true", "", {"id": text})
    assert deleted["__typename"] == "NotFound"
    unlinked = await api.execute(
        "mutation($id: ID!) { r: unlinkGoverns(from: $id, to: $id) { __typename } }", {"id": text}
    )
    assert unlinked.data == {"r": {"__typename": "NotFound"}}
    cited = await api.one(*CREATE_AGENCY, {"agency": agency("mut-inj-src", sources=[text])})
    assert [p["field"] for p in cited["problems"]] == ["input.sources[0]"]
    log = await api.execute(
        "query($s: String, $id: ID) { auditLog(subject: $s, targetId: $id) { edges { cursor } } }",
        {"s": text, "id": text},
        principal=EDITOR.__class__("admin", frozenset({"admin"})),
    )
    assert log.errors is None and log.data == {"auditLog": {"edges": []}}
    assert await api.entity_count() == before


@pytest.mark.parametrize(
    "document",
    [
        # A label or kind that is not a mutation of the ontology.
        'mutation { createAgency_Entity(input: {id: "mut-l", name: "L", sources: []}) '
        "{ __typename } }",
        'mutation { upsertEntities(inputs: [{`Agency:Entity`: {id: "mut-l"}}]) { __typename } }',
        'mutation { upsertEntities(inputs: [{entity: {id: "mut-l", name: "L", sources: []}}]) '
        "{ __typename } }",
        # A relationship type that is not one.
        'mutation { linkDETACH_DELETE(from: "a", to: "b", sources: []) { __typename } }',
        # Property names outside the kind's input.
        'mutation { createAgency(input: {id: "mut-l", name: "L", sources: ["src-indoart"], '
        'search_terms: ["x"]}) { __typename } }',
        'mutation { createAgency(input: {id: "mut-l", name: "L", sources: ["src-indoart"], '
        "level: CITY}) { __typename } }",
        'mutation { linkGoverns(from: "pemkot-cimahi", to: "kota-cimahi", '
        'sources: ["src-indoart"], '
        'properties: {`n.id`: "x"}) { __typename } }',
    ],
)
async def test_labels_types_and_property_names_cannot_be_chosen(api: Api, document: str) -> None:
    before = await api.entity_count()
    result = await api.execute(document)
    assert result.errors and result.data is None
    assert await api.entity_count() == before


async def test_crafted_property_names_in_variables_are_refused(api: Api) -> None:
    before = await api.entity_count()
    sneaky = agency("mut-l")
    sneaky["n.id` = 1 DETACH DELETE n //"] = "x"
    result = await api.execute(
        "mutation($agency: AgencyInput!) { createAgency(input: $agency) { __typename } }",
        {"agency": sneaky},
    )
    assert result.errors and "unknown field" in str(result.errors[0])
    assert await api.entity_count() == before


_LABELS = CypherQuery("test_labels", "MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels")


async def test_a_key_that_looks_like_a_label_is_only_a_key(api: Api) -> None:
    """`Agency:Entity` is a legal key; it stays a property value and never becomes a label."""
    before = await api.entity_count()
    try:
        created = await api.one(
            "createSource", 'input: {id: $id, name: "S", url: "u"}', "", {"id": "Agency:Entity"}
        )
        assert created["__typename"] == "CreateEntitySuccess"
        rows = await api.graph.read(_LABELS, id="Agency:Entity")
        assert [sorted(r["labels"]) for r in rows] == [["Entity", "Source"]]
        assert await api.entity_count() == before + 1
    finally:
        await cleanup(api, "Agency:Entity")
    assert await api.entity_count() == before

"""Mutations against the real embedded graph: results, atomicity, access and the audit log.

Each test writes under its own `mut-` keys and removes what it wrote, so the seeded graph
is the same afterwards. Requests run through the real schema with a Context whose
principal is set, the way authentication will set it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, cast

import pytest
from graphql import ExecutionResult, get_named_type
from starlette.testclient import TestClient

from graph_service.api.app import create_app
from graph_service.api.auth import hash_api_key
from graph_service.api.context import Context, Principal
from graph_service.api.schema import build_schema
from graph_service.graph.executor import Graph, QueryLog
from graph_service.ontology import AUDIT_LABEL, ENTITY_KINDS, RELATIONSHIP_TYPES
from graph_service.queries import CypherQuery, load_all, query
from graph_service.settings import ApiKeyGrant, Settings
from tests.conftest import GraphQLClient

EDITOR = Principal("editor@test", frozenset({"editor"}))
ADMIN = Principal("admin@test", frozenset({"admin"}))
READER = Principal("reader@test", frozenset({"reader"}))
SOURCE = "src-indoart"

FAILURES = {
    "ValidationFailed": "problems { field message }",
    "NotFound": "id message",
    "Conflict": "message",
}


def failure_selection(field: str) -> str:
    """`__typename` and the fields of each failure the mutation `field` may answer."""
    union = get_named_type(build_schema()._schema.mutation_type.fields[field].type)  # type: ignore[union-attr]
    members = {t.name for t in union.types}  # type: ignore[union-attr]
    spreads = " ".join(f"... on {n} {{ {sel} }}" for n, sel in FAILURES.items() if n in members)
    return f"__typename {spreads}"


class Api:
    """Runs GraphQL documents through the schema as a given principal."""

    def __init__(self, graph: Graph, settings: Settings) -> None:
        self.graph = graph
        self.settings = settings
        self.last_log = QueryLog()

    async def execute(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        principal: Principal | None = EDITOR,
    ) -> ExecutionResult:
        log = QueryLog()
        context = Context(
            request=cast(Any, None),
            response=None,
            graph=self.graph.for_request(log),
            settings=self.settings,
            log=log,
            principal=principal,
        )
        self.last_log = log
        return await build_schema().execute(
            document, variable_values=variables, context_value=context
        )

    async def data(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        principal: Principal | None = EDITOR,
    ) -> dict[str, Any]:
        result = await self.execute(document, variables, principal)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data

    async def one(
        self, field: str, args: str, selection: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The result of one mutation field."""
        signature = ", ".join(f"${k}: {t}" for k, t in _types(variables or {}).items())
        head = f"mutation({signature})" if signature else "mutation"
        body = f"{failure_selection(field)} {selection}"
        document = f"{head} {{ r: {field}({args}) {{ {body} }} }}"
        data = await self.data(document, variables)
        return cast(dict[str, Any], data["r"])

    async def entity_count(self) -> int:
        rows = await self.graph.read(query("count_entities"))
        return int(rows[0]["entities"])

    async def stored(self, id_: str) -> dict[str, Any] | None:
        rows = await self.graph.read(query("get_entity_states"), ids=[id_])
        return cast(dict[str, Any], rows[0]["props"]) if rows else None


_VARIABLE_TYPES = {
    "agency": "AgencyInput!",
    "source": "SourceInput!",
    "patch": "AgencyPatch!",
    "inputs": "[EntityInput!]!",
    "props": "HasSpbeIndexProperties!",
    "id": "ID!",
    "name": "String!",
}


def _types(variables: dict[str, Any]) -> dict[str, str]:
    return {name: _VARIABLE_TYPES[name] for name in variables}


def agency(id_: str, **fields: Any) -> dict[str, Any]:
    return {"id": id_, "name": f"Agency {id_}", "sources": [SOURCE], **fields}


@pytest.fixture
async def api(graph: Graph, settings: Settings) -> Api:
    return Api(graph, settings)


_CLEANUP = CypherQuery(
    "test_cleanup", "UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n"
)
_CLEANUP_LOOKUPS = CypherQuery(
    "test_cleanup_lookups",
    "MATCH (t) WHERE (t:SearchTerm AND t.entity IN $ids) OR (t:Citation AND (t.key IN $ids "
    "OR t.from IN $ids OR t.to IN $ids OR t.source IN $ids)) DELETE t",
)


async def cleanup(api: Api, *ids: str) -> None:
    """Remove test entities, their relationships and lookup nodes directly, whatever
    happened."""
    await api.graph.write(_CLEANUP, ids=list(ids))
    await api.graph.write(_CLEANUP_LOOKUPS, ids=list(ids))


CREATE_AGENCY = (
    "createAgency",
    "input: $agency",
    "... on CreateEntitySuccess { entity { id name aliases "
    "... on Agency { agencyType } sources { id } } }",
)


async def test_create_stores_the_loader_shape_and_reads_back_anonymously(
    api: Api, gql: GraphQLClient
) -> None:
    try:
        result = await api.one(
            *CREATE_AGENCY,
            {"agency": agency("mut-create", aliases=["MUT-C"], agencyType="LPNK")},
        )
        assert result["__typename"] == "CreateEntitySuccess", result
        assert result["entity"]["agencyType"] == "LPNK"
        assert result["entity"]["sources"] == [{"id": SOURCE}]
        stored = await api.stored("mut-create")
        assert stored is not None
        assert stored["search_terms"] == ["agency mut create", "agencymutcreate", "mut c", "mutc"]
        assert "unverified" not in stored
        read = gql.data('{ node(id: "mut-create") { ... on Agency { name agencyType } } }')
        assert read["node"] == {"name": "Agency mut-create", "agencyType": "LPNK"}
        found = gql.data('{ search(query: "MUT-C") { edges { node { id } } } }')
        assert "mut-create" in json.dumps(found)
    finally:
        await cleanup(api, "mut-create")


async def test_create_of_a_taken_id_is_a_conflict(api: Api) -> None:
    before = await api.entity_count()
    result = await api.one(*CREATE_AGENCY, {"agency": agency("pemkot-cimahi")})
    assert result["__typename"] == "Conflict"
    assert "pemkot-cimahi" in result["message"]
    assert await api.entity_count() == before


async def test_validation_names_each_bad_field_and_writes_nothing(api: Api) -> None:
    before = await api.entity_count()
    bad = {"id": "bad id!", "name": "  ", "sources": ["pemkot-cimahi", "mut-nowhere"]}
    result = await api.one(*CREATE_AGENCY, {"agency": bad})
    assert result["__typename"] == "ValidationFailed"
    fields = {p["field"] for p in result["problems"]}
    assert fields == {"input.id", "input.name", "input.sources[0]", "input.sources[1]"}
    no_sources = await api.one(*CREATE_AGENCY, {"agency": agency("mut-x", sources=[])})
    assert [p["field"] for p in no_sources["problems"]] == ["input.sources"]
    assert await api.entity_count() == before


async def test_enum_and_date_values_are_typed_by_the_schema(api: Api) -> None:
    result = await api.execute(
        'mutation { createRegion(input: {id: "mut-r", name: "R", sources: ["src-indoart"], '
        "level: TOWN}) { __typename } }"
    )
    assert result.errors and "TOWN" in str(result.errors[0])
    result = await api.execute(
        'mutation { createEvent(input: {id: "mut-e", name: "E", sources: ["src-indoart"], '
        'date: "2024-13-45"}) { __typename } }'
    )
    assert result.errors


async def test_update_is_partial_and_null_removes(api: Api) -> None:
    selection = "... on UpdateEntitySuccess { entity { name description note aliases } }"
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-upd", note="n", description="d")})
        result = await api.one(
            "updateAgency",
            'id: "mut-upd", input: $patch',
            selection,
            {"patch": {"description": "changed", "note": None, "aliases": ["U"]}},
        )
        assert result["entity"] == {
            "name": "Agency mut-upd",
            "description": "changed",
            "note": None,
            "aliases": ["U"],
        }
        stored = await api.stored("mut-upd")
        assert stored is not None and "note" not in stored and "u" in stored["search_terms"]
        blank = await api.one(
            "updateAgency", 'id: "mut-upd", input: $patch', "", {"patch": {"name": None}}
        )
        assert [p["field"] for p in blank["problems"]] == ["input.name"]
    finally:
        await cleanup(api, "mut-upd")


async def test_update_of_a_missing_or_other_kind_id_is_not_found(api: Api) -> None:
    for id_ in ("mut-missing", "pemkot-cimahi"):  # the second is a LocalGovernment
        result = await api.one("updateAgency", 'id: $id, input: {note: "x"}', "", {"id": id_})
        assert result == {
            "__typename": "NotFound",
            "id": id_,
            "message": f"no Agency has the id {id_!r}",
        }


async def test_upsert_creates_then_replaces_and_refuses_another_kind(api: Api) -> None:
    selection = "... on UpsertEntitySuccess { created entity { name note } }"
    try:
        first = await api.one(
            "upsertAgency", "input: $agency", selection, {"agency": agency("mut-ups", note="a")}
        )
        assert first["created"] is True
        second = await api.one(
            "upsertAgency", "input: $agency", selection, {"agency": agency("mut-ups")}
        )
        assert second["created"] is False and second["entity"]["note"] is None
        clash = await api.one(
            "upsertAgency", "input: $agency", "", {"agency": agency("pemkot-cimahi")}
        )
        assert clash["__typename"] == "Conflict" and "LocalGovernment" in clash["message"]
    finally:
        await cleanup(api, "mut-ups")


DELETE = "... on DeleteEntitySuccess { id relationshipsDeleted }"
LINK_SCORE = (
    "linkHasSpbeIndex",
    'from: "mut-del", to: "evaluasi-spbe-2024", sources: ["src-indoart"], key: "2024", '
    "properties: $props",
    "... on LinkSuccess { created from { id } edge { ... on HasSpbeIndexEdge { "
    "relationshipId value predicate node { id } } } }",
)


async def test_delete_refuses_relationships_unless_detached(api: Api) -> None:
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-del")})
        linked = await api.one(*LINK_SCORE, {"props": {"value": 3.1, "predicate": "BAIK"}})
        assert linked["__typename"] == "LinkSuccess", linked
        refused = await api.one("deleteAgency", 'id: "mut-del", detach: false', DELETE)
        assert refused["__typename"] == "Conflict" and "1 relationships" in refused["message"]
        assert await api.stored("mut-del") is not None
        done = await api.one("deleteAgency", 'id: "mut-del", detach: true', DELETE)
        assert done == {
            "__typename": "DeleteEntitySuccess",
            "id": "mut-del",
            "relationshipsDeleted": 1,
        }
        assert await api.stored("mut-del") is None
        again = await api.one("deleteAgency", 'id: "mut-del", detach: true', DELETE)
        assert again["__typename"] == "NotFound"
    finally:
        await cleanup(api, "mut-del")


async def test_delete_without_relationships_and_of_a_cited_source(api: Api) -> None:
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-lone")})
        done = await api.one("deleteAgency", 'id: "mut-lone", detach: false', DELETE)
        assert done["__typename"] == "DeleteEntitySuccess" and done["relationshipsDeleted"] == 0
        cited = await api.one("deleteSource", f'id: "{SOURCE}", detach: true', DELETE)
        assert cited["__typename"] == "Conflict" and "cited as a source" in cited["message"]
        assert await api.stored(SOURCE) is not None
    finally:
        await cleanup(api, "mut-lone")


async def test_link_returns_the_typed_edge_and_unlink_removes_it(
    api: Api, gql: GraphQLClient
) -> None:
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-del")})
        linked = await api.one(*LINK_SCORE, {"props": {"value": 3.1, "predicate": "BAIK"}})
        assert linked["created"] is True
        assert linked["from"] == {"id": "mut-del"}
        assert linked["edge"] == {
            "relationshipId": "mut-del>HAS_SPBE_INDEX>evaluasi-spbe-2024#2024",
            "value": 3.1,
            "predicate": "BAIK",
            "node": {"id": "evaluasi-spbe-2024"},
        }
        relinked = await api.one(*LINK_SCORE, {"props": {"value": 3.2}})
        assert relinked["created"] is False and relinked["edge"]["predicate"] is None
        # the ends, the relationship before, then one statement writes it, its citations
        # and the audit entry
        assert [r.name.split(":")[0] for r in api.last_log.records] == [
            "lock_entity_states",
            "get_relationship",
            "link_relationship",
        ]
        read = gql.data(
            '{ node(id: "mut-del") { ... on Agency { indexScores { edges { value } } } } }'
        )
        assert read["node"]["indexScores"]["edges"] == [{"value": 3.2}]
        args = 'from: "mut-del", to: "evaluasi-spbe-2024", key: "2024"'
        gone = await api.one("unlinkHasSpbeIndex", args, "... on UnlinkSuccess { relationshipId }")
        assert gone["relationshipId"] == "mut-del>HAS_SPBE_INDEX>evaluasi-spbe-2024#2024"
        assert [r.name.split(":")[0] for r in api.last_log.records] == [
            "get_relationship",
            "unlink_relationship",
        ]
        again = await api.one("unlinkHasSpbeIndex", args, "")
        assert again["__typename"] == "NotFound"
    finally:
        await cleanup(api, "mut-del")


_COUNT_RELATIONSHIPS = CypherQuery(
    "test_count_relationships", "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"
)


async def test_link_checks_endpoints_properties_and_writes_nothing_when_refused(api: Api) -> None:
    rows = await api.graph.read(_COUNT_RELATIONSHIPS)
    before = rows[0]["n"]
    missing = await api.one(
        "linkGoverns", 'from: "pemkot-cimahi", to: "mut-nowhere", sources: ["src-indoart"]', ""
    )
    assert missing == {
        "__typename": "NotFound",
        "id": "mut-nowhere",
        "message": "no entity has the id 'mut-nowhere'",
    }
    wrong = await api.one(
        "linkGoverns", 'from: "pemkot-cimahi", to: "evaluasi-spbe-2024", sources: []', ""
    )
    assert {p["field"] for p in wrong["problems"]} == {"to", "sources"}
    band = await api.one(
        "linkHasSpbeIndex",
        'from: "pemkot-cimahi", to: "evaluasi-spbe-2024", sources: ["src-indoart"], key: "mut", '
        "properties: $props",
        "",
        {"props": {"value": 4.9, "predicate": "KURANG"}},
    )
    assert [p["field"] for p in band["problems"]] == ["properties"]
    assert "band" in band["problems"][0]["message"]
    dates = await api.one(
        "linkHoldsPosition",
        'from: "dicky-saromi", to: "pemkot-cimahi", sources: ["src-indoart"], key: "mut", '
        'properties: {role: "R", validFrom: "2024-02-01", validTo: "2024-01-01"}',
        "",
    )
    assert [p["field"] for p in dates["problems"]] == ["properties.validFrom"]
    rows = await api.graph.read(_COUNT_RELATIONSHIPS)
    assert rows[0]["n"] == before


async def test_link_refuses_a_recipient_of_an_edition_and_of_its_category(api: Api) -> None:
    """Cimahi is linked to the city category of dga-2024; a link to the edition would count
    it twice."""
    rows = await api.graph.read(_COUNT_RELATIONSHIPS)
    refused = await api.one(
        "linkReceivedAward",
        'from: "pemkot-cimahi", to: "dga-2024", sources: ["src-indoart"]',
        "",
    )
    assert refused["__typename"] == "ValidationFailed"
    (problem,) = refused["problems"]
    assert "linked by RECEIVED_AWARD both to 'dga-2024'" in problem["message"]
    assert "'dga-2024-cat-kota' (already in the graph)" in problem["message"]
    assert (await api.graph.read(_COUNT_RELATIONSHIPS))[0]["n"] == rows[0]["n"]


async def test_link_sets_a_window_with_its_precision(api: Api, gql: GraphQLClient) -> None:
    """A day-precise start, a year-precise end: inside the end's year only the year is known."""
    args = 'from: "dicky-saromi", to: "pemkot-cimahi", sources: ["src-indoart"], key: "mut-w"'
    edge = (
        "... on LinkSuccess { edge { ... on HoldsPositionEdge { "
        "validFrom validFromPrecision validTo validToPrecision } } }"
    )
    try:
        linked = await api.one(
            "linkHoldsPosition",
            f'{args}, properties: {{role: "R", validFrom: "2019-03-05", '
            'validTo: "2024-12-31", validToPrecision: YEAR}',
            edge,
        )
        assert linked["edge"] == {
            "validFrom": "2019-03-05",
            "validFromPrecision": "DAY",
            "validTo": "2024-12-31",
            "validToPrecision": "YEAR",
        }
        query = """query($d: Date) { node(id: "pemkot-cimahi") { ... on LocalGovernment {
            officials(asOf: $d, filter: {role: {equals: "R"}}) {
              edges { asOfPrecision } } } } }"""
        for day, precision in [("2020-06-01", "DAY"), ("2024-06-01", "YEAR")]:
            edges = gql.data(query, {"d": day})["node"]["officials"]["edges"]
            assert edges == [{"asOfPrecision": precision}], day
        narrow = await api.one(
            "linkHoldsPosition",
            f'{args}, properties: {{role: "R", validFrom: "2024-03-05", validFromPrecision: YEAR}}',
            "",
        )
        assert [p["field"] for p in narrow["problems"]] == ["properties.validFrom"]
        assert "narrower than its precision YEAR" in narrow["problems"][0]["message"]
    finally:
        await api.one("unlinkHoldsPosition", args.replace(', sources: ["src-indoart"]', ""), "")


def _batch(count: int, prefix: str) -> list[dict[str, Any]]:
    return [
        {"agency": agency(f"{prefix}-{i}", aliases=[f"{prefix} alias {i}"])} for i in range(count)
    ]


BATCH = "... on UpsertEntitiesSuccess { created updated entities { id } }"


async def test_a_batch_with_one_bad_item_writes_nothing(api: Api) -> None:
    before = await api.entity_count()
    inputs = _batch(3, "mut-batch")
    inputs[2]["agency"]["sources"] = ["mut-not-a-source"]
    result = await api.one("upsertEntities", "inputs: $inputs", BATCH, {"inputs": inputs})
    assert result["__typename"] == "ValidationFailed"
    assert [p["field"] for p in result["problems"]] == ["inputs[2].agency.sources[0]"]
    assert await api.entity_count() == before
    audit = await api.graph.read(_AUDIT_FOR, id="mut-batch-0")
    assert audit == []


_AUDIT_FOR = CypherQuery(
    "test_audit_for", f"MATCH (a:{AUDIT_LABEL}) WHERE $id IN a.target_ids RETURN a.id AS id"
)


async def test_a_batch_may_mix_kinds_and_cite_a_source_it_creates(api: Api) -> None:
    source = {"source": {"id": "mut-src", "name": "Mut source", "url": "https://example.org/m"}}
    body = {"agency": agency("mut-cites", sources=["mut-src"])}
    try:
        result = await api.one(
            "upsertEntities", "inputs: $inputs", BATCH, {"inputs": [source, body]}
        )
        assert result == {
            "__typename": "UpsertEntitiesSuccess",
            "created": 2,
            "updated": 0,
            "entities": [{"id": "mut-src"}, {"id": "mut-cites"}],
        }
        both = await api.execute(
            "mutation($inputs: [EntityInput!]!) { upsertEntities(inputs: $inputs) { __typename } }",
            {"inputs": [{**source, **body}]},
        )
        assert both.errors and "exactly one" in str(both.errors[0])
    finally:
        await cleanup(api, "mut-src", "mut-cites")


async def test_a_batch_larger_than_the_limit_is_refused(api: Api, settings: Settings) -> None:
    inputs = _batch(settings.max_batch_size + 1, "mut-big")
    result = await api.one("upsertEntities", "inputs: $inputs", BATCH, {"inputs": inputs})
    assert result["__typename"] == "ValidationFailed"
    assert result["problems"][0]["field"] == "inputs"


async def test_a_create_and_a_100_item_batch_each_cost_a_fixed_number_of_round_trips(
    api: Api,
) -> None:
    ids = [f"mut-perf-{i}" for i in range(100)]
    try:
        created = await api.one(*CREATE_AGENCY, {"agency": agency("mut-perf-one")})
        assert created["__typename"] == "CreateEntitySuccess"
        # One statement checks and writes the entity, its search terms, citations and
        # audit entry; then the `sources` selection.
        assert [r.name for r in api.last_log.records] == [
            "create_entity:Agency",
            "translate:entities",
        ]
        batch = await api.one(
            "upsertEntities", "inputs: $inputs", BATCH, {"inputs": _batch(100, "mut-perf")}
        )
        assert batch["created"] == 100
        assert [r.name for r in api.last_log.records] == [
            "lock_entity_states",
            "find_entities_sharing_terms",
            "create_entities:Agency",
            "create_search_terms",
            "create_citations",
            "create_audit_entries",
        ]
    finally:
        await cleanup(api, "mut-perf-one", *ids)


async def test_an_update_and_a_delete_write_in_one_statement_after_their_reads(
    api: Api,
) -> None:
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-one-write")})
        updated = await api.one("updateAgency", 'id: "mut-one-write", input: {note: "n"}', "")
        assert updated["__typename"] == "UpdateEntitySuccess"
        # the entity, then the sources it keeps (kinds), the namesakes, and one write
        assert [r.name for r in api.last_log.records] == [
            "lock_entity_states",
            "lock_entity_states",
            "find_entities_sharing_terms",
            "replace_entity",
        ]
        deleted = await api.one("deleteAgency", 'id: "mut-one-write", detach: false', "")
        assert deleted["__typename"] == "DeleteEntitySuccess"
        assert [r.name for r in api.last_log.records] == [
            "lock_entity_states",
            "get_entity_dependents",
            "remove_entity",
        ]
        assert await api.stored("mut-one-write") is None
    finally:
        await cleanup(api, "mut-one-write")


MUTATE = 'mutation { r: updateAgency(id: "ID", input: {note: "x"}) { __typename } }'


@pytest.mark.parametrize(("principal", "code"), [(None, "UNAUTHENTICATED"), (READER, "FORBIDDEN")])
async def test_writes_need_the_editor_role_and_reveal_nothing(
    api: Api, principal: Principal | None, code: str
) -> None:
    before = await api.entity_count()
    answers = []
    for id_ in ("kementerian-panrb", "mut-does-not-exist"):
        result = await api.execute(MUTATE.replace("ID", id_), principal=principal)
        assert result.errors and result.data is None
        error = result.errors[0]
        assert error.extensions == {"code": code}
        answers.append(error.message)
        assert api.last_log.count == 0  # refused before any lookup
    assert answers[0] == answers[1]
    assert await api.entity_count() == before


def test_anonymous_http_clients_cannot_mutate(gql: GraphQLClient) -> None:
    body = gql.post(
        'mutation { createAgency(input: {id: "mut-http", name: "H", sources: ["src-indoart"]}) '
        "{ __typename } }"
    )
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql.data('{ node(id: "mut-http") { id } }')["node"] is None


AUDIT_LOG = """query($id: ID, $after: String, $first: Int) {
  auditLog(targetId: $id, after: $after, first: $first) {
    edges { cursor node { subject operation targetIds before after at } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def test_every_write_is_audited_and_only_admins_read_the_log(api: Api) -> None:
    try:
        await api.one(*CREATE_AGENCY, {"agency": agency("mut-aud")})
        await api.one("updateAgency", 'id: "mut-aud", input: {note: "n"}', "")
        await api.one("deleteAgency", 'id: "mut-aud", detach: false', "")
        data = await api.data(AUDIT_LOG, {"id": "mut-aud"}, principal=ADMIN)
        entries = [e["node"] for e in data["auditLog"]["edges"]]
        assert [e["operation"] for e in entries] == ["deleteAgency", "updateAgency", "createAgency"]
        assert {e["subject"] for e in entries} == {EDITOR.subject}
        deleted, updated, created = entries
        assert created["before"] is None and json.loads(created["after"])["id"] == "mut-aud"
        assert json.loads(updated["before"]).get("note") is None
        assert json.loads(updated["after"])["note"] == "n"
        assert json.loads(deleted["before"])["entity"]["note"] == "n" and deleted["after"] is None
        assert entries[0]["at"] >= entries[2]["at"]
        page = await api.data(AUDIT_LOG, {"id": "mut-aud", "first": 2}, principal=ADMIN)
        assert page["auditLog"]["pageInfo"]["hasNextPage"] is True
        cursor = page["auditLog"]["pageInfo"]["endCursor"]
        rest = await api.data(AUDIT_LOG, {"id": "mut-aud", "after": cursor}, principal=ADMIN)
        assert [e["node"]["operation"] for e in rest["auditLog"]["edges"]] == ["createAgency"]
        for principal, code in ((None, "UNAUTHENTICATED"), (EDITOR, "FORBIDDEN")):
            result = await api.execute(AUDIT_LOG, {"id": "mut-aud"}, principal=principal)
            assert result.data == {"auditLog": None} and result.errors  # nulls only itself
            assert result.errors[0].extensions == {"code": code}
    finally:
        await cleanup(api, "mut-aud")


async def test_audit_entries_are_not_entities(api: Api) -> None:
    rows = await api.graph.read(
        CypherQuery("test_audit_labels", f"MATCH (a:{AUDIT_LABEL}) RETURN labels(a) AS l LIMIT 5")
    )
    assert rows, "earlier tests wrote audit entries"
    assert all(row["l"] == [AUDIT_LABEL] for row in rows)
    rows = await api.graph.read(
        CypherQuery("test_audit_edges", f"MATCH (a:{AUDIT_LABEL})--() RETURN count(*) AS n")
    )
    assert rows[0]["n"] == 0
    writes = [name for name, text in load_all().items() if f":{AUDIT_LABEL}" in text]
    assert sorted(writes) == [
        "count_audit_entry",
        "create_audit_entries",
        "create_entity",
        "link_relationship",
        "list_audit_entries",
        "remove_entity",
        "replace_entity",
        "setup_audit_entry_at_index",
        "unlink_relationship",
    ]


def test_every_kind_and_relationship_type_has_its_mutations() -> None:
    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    names = set(mutation.fields)
    for kind in ENTITY_KINDS:
        for op in ("create", "update", "upsert", "delete"):
            assert f"{op}{kind.name}" in names
    for rel in RELATIONSHIP_TYPES:
        stem = "".join(p.capitalize() for p in rel.name.split("_"))
        assert {f"link{stem}", f"unlink{stem}"} <= names
    assert "upsertEntities" in names


EDITOR_KEY = "mut-editor-key-0123456789"
ADMIN_KEY = "mut-admin-key-0123456789"


@pytest.fixture(scope="module")
def keyed_client(graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The whole app with two API keys configured: an editor's and an admin's."""
    keyed = settings.model_copy(
        update={
            "api_keys": {
                hash_api_key(EDITOR_KEY): ApiKeyGrant(subject="curator", roles=("editor",)),
                hash_api_key(ADMIN_KEY): ApiKeyGrant(subject="ops", roles=("admin",)),
            }
        }
    )
    with TestClient(create_app(keyed)) as client:
        yield client


def _post(client: TestClient, document: str, key: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.post("/graphql", json={"query": document}, headers=headers)


def test_over_http_an_editor_key_writes_and_anonymous_gets_401(keyed_client: TestClient) -> None:
    create = (
        'mutation { createAgency(input: {id: "mut-http", name: "Over HTTP", '
        'sources: ["src-indoart"]}) { __typename } }'
    )
    delete = 'mutation { deleteAgency(id: "mut-http", detach: true) { __typename } }'
    anonymous = _post(keyed_client, create)
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    try:
        created = _post(keyed_client, create, EDITOR_KEY)
        assert created.status_code == 200
        assert created.json()["data"]["createAgency"]["__typename"] == "CreateEntitySuccess"
        log = '{ auditLog(targetId: "mut-http") { edges { node { subject operation } } } }'
        refused = _post(keyed_client, log, EDITOR_KEY)
        assert refused.status_code == 403
        entries = _post(keyed_client, log, ADMIN_KEY).json()["data"]["auditLog"]["edges"]
        assert entries[0]["node"] == {"subject": "curator", "operation": "createAgency"}
    finally:
        done = _post(keyed_client, delete, EDITOR_KEY)
        assert done.json()["data"]["deleteAgency"]["__typename"] == "DeleteEntitySuccess"


async def test_an_alias_an_unrelated_entity_already_uses_is_a_validation_failure(
    api: Api,
) -> None:
    try:
        result = await api.one(
            *CREATE_AGENCY, {"agency": agency("mut-namesake", aliases=["Jatim"])}
        )
        assert result["__typename"] == "ValidationFailed"
        [problem] = result["problems"]
        assert "'pemprov-jawa-timur' (already in the graph)" in problem["message"]
        assert problem["field"].startswith("input")
    finally:
        await cleanup(api, "mut-namesake")

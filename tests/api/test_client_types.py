"""Types a client can trust: @specifiedBy scalars, typed edge properties, the fragment matcher."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient

from graph_service.api.possible_types import possible_types_json
from graph_service.api.schema import schema_sdl
from tests.conftest import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]


def test_custom_scalars_name_their_specification() -> None:
    sdl = schema_sdl()
    for scalar in ("Date", "DateTime", "JSON"):
        line = next(x for x in sdl.splitlines() if x.startswith(f"scalar {scalar} "))
        assert '@specifiedBy(url: "https://' in line, line


def test_edges_carry_their_properties_as_typed_fields(client: TestClient) -> None:
    data = GraphQLClient(client).data(
        """{
          neighborhood(id: "pemkot-cimahi", depth: 1, relationshipTypes: [RECEIVED_AWARD]) {
            edges {
              __typename type
              ... on ReceivedAwardRelationship { rank year }
            }
          }
        }"""
    )
    edges = data["neighborhood"]["edges"]
    assert edges and {e["__typename"] for e in edges} == {"ReceivedAwardRelationship"}
    dga = [e for e in edges if e["year"] == 2024]
    assert dga and all(isinstance(e["rank"], int) for e in dga if e["rank"] is not None)
    assert 5 in {e["rank"] for e in dga}


def test_the_fragment_matcher_is_committed_served_and_complete(client: TestClient) -> None:
    committed = (ROOT / "possible-types.json").read_text(encoding="utf-8")
    assert committed == possible_types_json()
    served = client.get("/graphql/possible-types")
    assert served.status_code == 200
    possible = served.json()
    assert possible == json.loads(committed)
    assert "LocalGovernment" in possible["Entity"] and "LocalGovernment" in possible["Node"]
    assert "ReceivedAwardRelationship" in possible["GraphEdge"]
    assert set(possible["CreateEntityResult"]) >= {"CreateEntitySuccess", "ValidationFailed"}

"""Subscriptions: `graphChanged` over graphql-transport-ws (the `gql` client) and graphql-sse,
published after each committed mutation, with HTTP's authentication at connection init."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.request import Request, urlopen

import pytest
import websockets
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportError, TransportQueryError
from gql.transport.websockets import WebsocketsTransport
from graphql import parse, print_ast

from graph_service.api.auth import hash_api_key
from graph_service.api.subscriptions import ChangeBroker, GraphChange
from graph_service.api.subscriptions.changes import EntityTouched, Operation, relationship_by_id
from graph_service.api.subscriptions.subscription import ChangeFilter
from graph_service.graph.executor import Graph
from graph_service.settings import ApiKeyGrant, Settings
from tests.live_server import LiveServer, live_server

EDITOR_KEY = "subs-editor-key-0123456789"
PLATFORM = "subs-test-platform"
SUBSCRIBE = (
    "subscription($kinds: [EntityKindName!], $ids: [ID!]) {"
    " graphChanged(kinds: $kinds, ids: $ids) {"
    " mutation at entities { id kind operation } relationships { id type from to operation } } }"
)
CREATE = (
    f'mutation {{ createPlatform(input: {{id: "{PLATFORM}", name: "Subscription Test Platform", '
    'sources: ["src-indoart"]}) { __typename } }'
)
DELETE = f'mutation {{ deletePlatform(id: "{PLATFORM}", detach: true) {{ __typename }} }}'


@pytest.fixture(scope="module")
def server(graph: Graph, settings: Settings) -> Iterator[LiveServer]:
    keyed = settings.model_copy(
        update={"api_keys": {hash_api_key(EDITOR_KEY): ApiKeyGrant(subject="s", roles=("editor",))}}
    )
    with live_server(keyed) as running:
        yield running


def post(server: LiveServer, document: str, key: str | None = EDITOR_KEY) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    body = json.dumps({"query": document}).encode()
    with urlopen(Request(server.http_url, body, headers), timeout=30) as response:
        answer: dict[str, Any] = json.loads(response.read())
    return answer


async def when_subscribed(server: LiveServer, count: int = 1) -> None:
    broker: ChangeBroker = server.app.state.changes
    deadline = time.monotonic() + 10
    while broker.subscriber_count < count:
        assert time.monotonic() < deadline, "the subscription never started"
        await asyncio.sleep(0.02)


async def mutate(server: LiveServer, document: str) -> dict[str, Any]:
    await when_subscribed(server)
    return await asyncio.to_thread(post, server, document)


def transport(server: LiveServer, key: str | None) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=server.ws_url,
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        init_payload={"Authorization": f"Bearer {key}"} if key else {},
    )


async def test_a_committed_mutation_reaches_a_websocket_subscriber(server: LiveServer) -> None:
    async with Client(transport=transport(server, None)) as session:
        events = session.subscribe(GraphQLRequest(SUBSCRIBE, variable_values={"ids": [PLATFORM]}))
        first = asyncio.ensure_future(anext(events))
        assert (await mutate(server, CREATE))["data"]["createPlatform"]["__typename"] == (
            "CreateEntitySuccess"
        )
        created = (await asyncio.wait_for(first, 10))["graphChanged"]
        assert created["mutation"] == "createPlatform"
        assert created["entities"] == [{"id": PLATFORM, "kind": "Platform", "operation": "CREATED"}]
        second = asyncio.ensure_future(anext(events))
        await mutate(server, DELETE)
        deleted = (await asyncio.wait_for(second, 10))["graphChanged"]
        assert deleted["entities"][0]["operation"] == "DELETED"
        await events.aclose()


async def test_failed_mutations_publish_nothing_and_filters_apply(server: LiveServer) -> None:
    async with Client(transport=transport(server, EDITOR_KEY)) as session:
        events = session.subscribe(
            GraphQLRequest(SUBSCRIBE, variable_values={"kinds": ["Platform"]})
        )
        first = asyncio.ensure_future(anext(events))
        refused = await mutate(server, CREATE.replace("Subscription Test Platform", ""))
        assert refused["data"]["createPlatform"]["__typename"] == "ValidationFailed"
        # An unrelated write (another kind) is filtered out; the next Platform write arrives.
        other = 'mutation { updateRegion(id: "kota-cimahi", input: {}) { __typename } }'
        await mutate(server, other)
        await mutate(server, CREATE)
        created = (await asyncio.wait_for(first, 10))["graphChanged"]
        assert [e["id"] for e in created["entities"]] == [PLATFORM]
        await mutate(server, DELETE)
        await events.aclose()


async def test_bad_credentials_are_refused_at_connection_init(server: LiveServer) -> None:
    with pytest.raises(TransportError) as closed:
        async with Client(transport=transport(server, "not-a-key")) as session:
            await session.execute(gql("{ __typename }"))
    close_frame = getattr(closed.value.__cause__, "rcvd", None)
    assert close_frame is not None and close_frame.code == 4403  # Forbidden


async def test_mutations_over_a_websocket_need_the_editor_role(server: LiveServer) -> None:
    async with Client(transport=transport(server, None)) as session:
        with pytest.raises(TransportQueryError, match="authentication required"):
            await session.execute(gql(CREATE))


async def sse_events(server: LiveServer, document: str) -> AsyncIterator[dict[str, Any]]:
    """graphql-sse's distinct connections mode: POST with `Accept: text/event-stream`."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    body = json.dumps({"query": document}).encode()
    writer.write(
        b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    )
    await writer.drain()
    status = await reader.readline()
    assert b" 200 " in status, status
    try:
        while line := await reader.readline():
            if line.startswith(b"data: ") and line.strip() != b"data:":
                yield json.loads(line[len(b"data: ") :])
    finally:
        writer.close()


async def test_a_committed_mutation_reaches_an_sse_subscriber(server: LiveServer) -> None:
    document = (
        f'subscription {{ graphChanged(ids: ["{PLATFORM}"]) {{ entities {{ id operation }} }} }}'
    )
    events = sse_events(server, document)
    first = asyncio.ensure_future(anext(events))
    await mutate(server, CREATE)
    event = await asyncio.wait_for(first, 10)
    assert event["data"]["graphChanged"]["entities"] == [{"id": PLATFORM, "operation": "CREATED"}]
    await mutate(server, DELETE)
    await events.aclose()


def test_filters_select_kinds_types_and_ids() -> None:
    link = relationship_by_id("pemkot-cimahi>GOVERNS>kota-cimahi", Operation.CREATED)
    change = GraphChange(
        "x",
        at=None,  # type: ignore[arg-type]
        entities=(EntityTouched("pemkot-cimahi", "LocalGovernment", Operation.UPDATED),),
        relationships=(link,),
    )
    everything = ChangeFilter(None, None, None).apply(change)
    assert everything == change
    entities_only = ChangeFilter(frozenset({"LocalGovernment"}), None, None).apply(change)
    assert entities_only is not None and entities_only.relationships == ()
    by_end = ChangeFilter(None, None, frozenset({"kota-cimahi"})).apply(change)
    assert by_end is not None and by_end.entities == () and by_end.relationships == (link,)
    assert ChangeFilter(frozenset({"Award"}), None, None).apply(change) is None
    assert (link.from_id, link.type, link.to_id) == ("pemkot-cimahi", "GOVERNS", "kota-cimahi")


async def handshake(server: LiveServer, origin: str) -> int | None:
    """The close code of a graphql-transport-ws handshake from `origin` (None: accepted)."""
    try:
        async with websockets.connect(
            server.ws_url,
            origin=origin,
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        ) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
            assert json.loads(await socket.recv())["type"] == "connection_ack"
            return None
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


async def test_websocket_origins_follow_the_cors_rule(server: LiveServer) -> None:
    assert await handshake(server, "http://localhost:5173") is None  # development: local
    assert await handshake(server, "https://evil.example.com") == 403


async def test_a_websocket_is_no_way_around_trusted_documents(
    graph: Graph, settings: Settings, tmp_path: Any
) -> None:
    trusted = print_ast(parse("subscription { graphChanged { mutation } }"))  # as gql sends it
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({hashlib.sha256(trusted.encode()).hexdigest(): trusted}))
    with live_server(settings.model_copy(update={"trusted_documents": manifest})) as running:
        async with Client(transport=transport(running, None)) as session:
            with pytest.raises(TransportQueryError, match="trusted-documents manifest"):
                await session.execute(gql("{ __typename }"))
            events = session.subscribe(gql(trusted))
            first = asyncio.ensure_future(anext(events))
            await when_subscribed(running)
            running.app.state.changes.publish(
                GraphChange(
                    "createPlatform",
                    at=dt.datetime.now(dt.UTC),
                    entities=(EntityTouched("x", "Platform", Operation.CREATED),),
                )
            )
            assert (await asyncio.wait_for(first, 10))["graphChanged"]["mutation"] == (
                "createPlatform"
            )
            await events.aclose()

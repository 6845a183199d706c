"""The service over HTTP, as a client sees it: POST /graphql, JSON in and out."""

from __future__ import annotations

from typing import Any

import httpx2 as httpx


class ServiceError(Exception):
    pass


class ServiceClient:
    def __init__(self, base_url: str, token: str | None = None, connections: int = 32) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=120,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )
        self._token = token

    async def post(
        self, document: str, variables: dict[str, Any], *, trace: bool = False
    ) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        if trace:
            headers["X-Graph-Trace"] = "1"
        if self._token is not None and document.lstrip().startswith("mutation"):
            headers["Authorization"] = f"Bearer {self._token}"
        response = await self._http.post(
            "/graphql", json={"query": document, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise ServiceError(f"HTTP {response.status_code}: {body.get('errors')}")
        return body

    async def data(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = await self.post(document, variables)
        data: dict[str, Any] = body["data"]
        return data

    async def close(self) -> None:
        await self._http.aclose()

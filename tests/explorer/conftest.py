"""Browser tests: the real app under uvicorn on a free port (against the seeded embedded
graph), driven by Debian's Chromium through Playwright. No browser is downloaded.

The tests use Playwright's async API on the suite's event loop: its sync API runs a loop of
its own in the main thread, which the suite's async fixtures cannot share.

Every page a test opens is watched: a console error, an uncaught exception or a request to
any host but the service fails the test.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from benchmarks.chromium import CHROMIUM, launch_chromium
from graph_service.graph.executor import Graph
from graph_service.settings import Settings
from tests.live_server import serve_in_thread

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "explorer"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@pytest.fixture(scope="session")
def live_server(graph: Graph, settings: Settings) -> Iterator[str]:
    """The whole app served over real HTTP by uvicorn in a thread, with its own driver."""
    with serve_in_thread(settings) as url:
        yield url


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(
                f"CI must run the browser tests: {CHROMIUM} is missing (.ci/run installs it)"
            )
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install chromium` to run browser tests")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await launch_chromium(playwright, timeout=60_000)
        yield chromium
        await chromium.close()


@dataclass
class PageWatch:
    """What a page did that a test must not allow: console errors and foreign requests."""

    origin: str
    problems: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow_console_error(self, fragment: str) -> None:
        """Accept console errors holding `fragment` (Chromium logs refused requests)."""
        self.allowed.append(fragment)

    def console(self, message: Any) -> None:
        if message.type == "error" and not any(a in message.text for a in self.allowed):
            self.problems.append(f"console error: {message.text}")

    def page_error(self, error: Any) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def request(self, request: Any) -> None:
        url = request.url
        if url.startswith(LOCAL_SCHEMES):
            return
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"request to another host: {url}")


@dataclass
class Explorer:
    """A browser page on the service, with the watch that fails the test on problems."""

    page: Any
    watch: PageWatch
    base: str

    async def open(self, path: str = "/explore") -> None:
        await self.page.goto(self.base + path)
        await self.ready()

    async def ready(self) -> None:
        await self.page.wait_for_selector("body[data-ready='true']")
        await self.settle()

    async def settle(self) -> None:
        """Wait until no GraphQL request is in flight."""
        await self.wait_until("document.body.dataset.busy === 'false'")

    async def wait_until(self, expression: str, timeout: float = 15.0) -> None:
        """Poll a JavaScript expression until it holds (the page's content security policy
        forbids the string evaluation Playwright's wait_for_function does in the page)."""
        deadline = time.monotonic() + timeout
        while not await self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            await asyncio.sleep(0.05)

    async def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path

    async def canvas_ids(self, group: str, selector: str = "") -> set[str]:
        ids: list[str] = await self.page.evaluate(
            f"window.explorer.cy.{group}({selector!r}).map((el) => el.id())"
        )
        return set(ids)

    async def canvas_point(self, element_id: str) -> tuple[float, float]:
        """Where an entity (its centre) or a relationship (its midpoint) is on the screen."""
        box = await self.page.locator("#canvas").bounding_box()
        assert box is not None
        point: dict[str, float] = await self.page.evaluate(
            """(id) => { const el = window.explorer.cy.getElementById(id);
                         return el.isNode() ? el.renderedPosition() : el.renderedMidpoint(); }""",
            element_id,
        )
        return box["x"] + point["x"], box["y"] + point["y"]


@pytest.fixture
async def explorer(browser: Any, live_server: str) -> AsyncIterator[Explorer]:
    context = await browser.new_context(
        viewport={"width": 1366, "height": 820}, accept_downloads=True
    )
    page = await context.new_page()
    page.set_default_timeout(15_000)
    watch = PageWatch(origin=live_server)
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)
    page.on("request", watch.request)
    yield Explorer(page=page, watch=watch, base=live_server)
    await context.close()
    assert watch.problems == []

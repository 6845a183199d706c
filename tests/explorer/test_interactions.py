"""The explorer's other abilities in a real browser: hubs a page at a time, expanding only
some relationship types, collapsing, the keyboard, exports, phone widths, and clear messages
when the service errs or is gone."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from graph_service.graph.executor import Graph
from graph_service.loading import Dataset, EntityRecord, RelationshipRecord, load_dataset
from graph_service.queries import CypherQuery
from tests.explorer.conftest import Explorer

HUB = "test-explorer-hub"
SPOKES = 60
REMOVE = CypherQuery(
    "test_remove_hub", "MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n"
)


@pytest.fixture(scope="module")
async def hub(graph: Graph) -> AsyncIterator[str]:
    """A local government with 60 offices: more neighbours than one page shows."""
    entities = [EntityRecord(HUB, "LocalGovernment", "Test Explorer Hub", sources=["src-indoart"])]
    relationships = []
    for i in range(SPOKES):
        office = f"{HUB}-office-{i:02}"
        entities.append(
            EntityRecord(office, "Office", f"Test Explorer Office {i:02}", sources=["src-indoart"])
        )
        relationships.append(RelationshipRecord("PART_OF", office, HUB, sources=["src-indoart"]))
    await load_dataset(graph, Dataset(entities=entities, relationships=relationships))
    try:
        yield HUB
    finally:
        await graph.write(REMOVE, prefix=HUB)


async def test_a_hub_shows_a_page_and_a_group_that_pages(explorer: Explorer, hub: str) -> None:
    page = explorer.page
    await explorer.open(f"/explore?n={hub}&x={hub}")
    more = f"more:{hub}"
    nodes = await explorer.canvas_ids("nodes")
    assert len(nodes) == 1 + 25 + 1 and more in nodes
    assert await page.evaluate(f"window.explorer.cy.getElementById('{more}').data('label')") == (
        "35 more"
    )
    await explorer.screenshot("hub-first-page")
    await page.mouse.click(*await explorer.canvas_point(more))
    await explorer.wait_until(
        f"window.explorer.cy.getElementById('{more}').data('label') === '10 more'"
    )
    assert len(await explorer.canvas_ids("nodes")) == 1 + 50 + 1
    assert f"x={hub}~2" in page.url
    await page.reload()
    await explorer.ready()
    assert len(await explorer.canvas_ids("nodes")) == 1 + 50 + 1


async def test_expand_only_some_types_then_collapse(explorer: Explorer) -> None:
    page = explorer.page
    await explorer.open("/explore?n=pemkot-cimahi&sel=n:pemkot-cimahi")
    await page.wait_for_selector("#panel-title:text-is('Pemerintah Kota Cimahi')")
    await page.click("#panel summary:has-text('Expand only some relationships')")
    for box in await page.locator("#panel input[name=type]").all():
        if await box.get_attribute("value") != "RECEIVED_AWARD":
            await box.uncheck()
    await page.select_option("#panel select[name=direction]", "OUT")
    await page.click("#panel button:text-is('Expand')")
    await page.wait_for_selector("#panel button:text-is('Collapse')")
    await explorer.settle()
    assert await explorer.canvas_ids("nodes") == {"pemkot-cimahi", "dga-2024-cat-kota"}
    assert "x=pemkot-cimahi~~OUT~RECEIVED_AWARD" in page.url
    grouped = page.locator("#panel .relationship-group[data-type=RECEIVED_AWARD] h4")
    assert "(1)" in (await grouped.text_content() or "")
    timeline = await page.locator("#panel .timeline li").all_text_contents()
    assert any("2024" in item for item in timeline)
    await page.click("#panel button:text-is('Collapse')")
    await explorer.wait_until("window.explorer.cy.nodes().length === 1")
    assert "x=" not in page.url


async def test_keyboard_alone_searches_places_expands_and_moves(explorer: Explorer) -> None:
    page = explorer.page
    await explorer.open()
    await page.locator("body").press("/")
    await page.keyboard.type("kemenpan")
    await page.wait_for_selector("#search-results [role=option]")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowUp")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(
        "#panel-title:text-is('Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi')"
    )
    await page.focus("#canvas")
    await page.keyboard.press("Enter")
    await explorer.wait_until("window.explorer.cy.nodes().length > 5")
    await explorer.settle()
    await page.keyboard.press("ArrowRight")
    await explorer.wait_until("window.explorer.cy.$(':selected').id() !== 'kementerian-panrb'")
    title = await page.text_content("#panel-title")
    assert title and title != "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    await page.keyboard.press("Escape")
    await explorer.wait_until("window.explorer.cy.$(':selected').length === 0")


async def test_exports_png_and_json_of_the_view(explorer: Explorer, tmp_path: Path) -> None:
    page = explorer.page
    await explorer.open("/explore?n=pemkot-cimahi&x=pemkot-cimahi")
    async with page.expect_download() as png_download:
        await page.click("#export-png")
    png = tmp_path / "view.png"
    await (await png_download.value).save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    async with page.expect_download() as json_download:
        await page.click("#export-json")
    exported = tmp_path / "view.json"
    await (await json_download.value).save_as(exported)
    view = json.loads(exported.read_text())
    assert {n["id"] for n in view["nodes"]} == await explorer.canvas_ids("nodes")
    award = next(
        e for e in view["edges"] if e["id"] == "pemkot-cimahi>RECEIVED_AWARD>dga-2024-cat-kota"
    )
    assert award["properties"]["rank"] == 5 and "src-indoart" in award["sources"]


async def test_phone_width_stacks_the_panel_under_the_canvas(explorer: Explorer) -> None:
    page = explorer.page
    await page.set_viewport_size({"width": 390, "height": 844})
    await explorer.open("/explore?n=pemkot-cimahi&x=pemkot-cimahi&sel=n:pemkot-cimahi")
    await page.wait_for_selector("#panel-title:text-is('Pemerintah Kota Cimahi')")
    canvas = await page.locator("#canvas").bounding_box()
    panel = await page.locator("#panel").bounding_box()
    assert canvas and panel
    assert panel["y"] >= canvas["y"] + canvas["height"] - 1
    assert canvas["width"] <= 390 and panel["width"] <= 390
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await explorer.screenshot("phone")


async def test_a_service_error_is_shown_in_words(explorer: Explorer) -> None:
    page = explorer.page
    explorer.watch.allow_console_error("status of 500")
    await explorer.open()
    await page.route(
        "**/graphql",
        lambda route: route.fulfill(
            status=500,
            content_type="application/json",
            body='{"errors": [{"message": "the graph timed out"}]}',
        ),
    )
    await page.fill("#search", "cimahi")
    alert = page.locator("#error[role=alert]")
    await alert.wait_for()
    assert "the graph timed out" in (await alert.text_content() or "")


async def test_an_unavailable_service_is_named(explorer: Explorer) -> None:
    page = explorer.page
    explorer.watch.allow_console_error("net::ERR_FAILED")
    await explorer.open("/explore?n=pemkot-cimahi")
    await page.route("**/graphql", lambda route: route.abort())
    await page.mouse.dblclick(*await explorer.canvas_point("pemkot-cimahi"))
    alert = page.locator("#error[role=alert]")
    await alert.wait_for()
    assert "The service is unavailable" in (await alert.text_content() or "")
    await page.wait_for_selector("#panel:has-text('could not be loaded')")
    await explorer.screenshot("service-unavailable")
    await page.unroute("**/graphql")
    await page.click("#error-dismiss")
    assert await alert.is_hidden()


async def test_an_unknown_key_in_the_url_is_named(explorer: Explorer) -> None:
    await explorer.open("/explore?n=pemkot-cimahi,no-such-entity")
    assert "no-such-entity" in (await explorer.page.text_content("#status") or "")
    assert await explorer.canvas_ids("nodes") == {"pemkot-cimahi"}


async def test_the_landing_page_leads_to_the_explorer(explorer: Explorer) -> None:
    page = explorer.page
    await page.goto(explorer.base + "/")
    await page.click("a:has-text('How Joko Widodo is connected to Dicky Saromi')")
    await explorer.ready()
    await page.wait_for_selector("#path-summary:has-text('Path 1 of')")
    assert "dicky-saromi" in await explorer.canvas_ids("nodes")


async def test_path_ends_picked_from_the_panel(explorer: Explorer) -> None:
    page = explorer.page
    await explorer.open("/explore?n=joko-widodo,dicky-saromi&sel=n:joko-widodo")
    await page.wait_for_selector("#panel-title:text-is('Joko Widodo')")
    await page.click("#panel button:text-is('Path from here')")
    await page.mouse.click(*await explorer.canvas_point("dicky-saromi"))
    await page.wait_for_selector("#panel-title:text-is('Dicky Saromi')")
    await page.click("#panel button:text-is('Path to here')")
    await page.wait_for_selector("#path-summary:has-text('Path 1 of')")
    assert "path=joko-widodo~dicky-saromi~0" in page.url


@pytest.fixture
async def scripted_source(graph: Graph) -> AsyncIterator[str]:
    """An entity citing a source whose URL is a `javascript:` address."""
    source = EntityRecord(
        "test-explorer-bad-src",
        "Source",
        "Test Explorer Scripted Source",
        properties={"url": "javascript:document.title='pwned'"},
    )
    platform = EntityRecord(
        "test-explorer-platform", "Platform", "Test Explorer Platform", sources=[source.id]
    )
    await load_dataset(graph, Dataset(entities=[source, platform]))
    try:
        yield platform.id
    finally:
        await graph.write(REMOVE, prefix="test-explorer-")


async def test_a_source_url_that_is_not_a_web_address_is_not_a_link(
    explorer: Explorer, scripted_source: str
) -> None:
    page = explorer.page
    await explorer.open(f"/explore?n={scripted_source}&sel=n:{scripted_source}")
    await page.wait_for_selector("#panel .sources li:has-text('Test Explorer Scripted Source')")
    assert await page.locator("#panel .sources a").count() == 0

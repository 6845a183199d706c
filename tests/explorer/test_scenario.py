"""The issue's scenario in a real browser: search, place, expand, inspect an edge, find a
path, move the date, reload from the URL."""

from __future__ import annotations

from typing import Any

from tests.explorer.conftest import Explorer

ACTING_MAYOR = "dicky-saromi>HOLDS_POSITION>pemkot-cimahi"
AWARD_EDGE = "pemkot-cimahi>RECEIVED_AWARD>dga-2024-cat-kota"  # linked once, to the category
SOURCE_URL = "https://indoartnews.com/regional/9531/"
OFFICE = "Dinas Komunikasi dan Informatika Kota Cimahi"


async def choose(explorer: Explorer, field: str, text: str, name: str) -> None:
    """Type into a search field and pick the suggestion called `name`."""
    page = explorer.page
    await page.fill(field, text)
    option = page.locator(f"{field} + [role=listbox] [role=option]", has_text=name).first
    await option.wait_for()
    await option.click()


async def _view(explorer: Explorer) -> dict[str, Any]:
    page = explorer.page
    return {
        "nodes": await explorer.canvas_ids("nodes"),
        "edges": await explorer.canvas_ids("edges"),
        "path": await explorer.canvas_ids("edges", ".on-path"),
        "date": await page.input_value("#as-of"),
        "summary": await page.text_content("#path-summary"),
        "panel": await page.text_content("#panel-title"),
        "selected": await explorer.canvas_ids("elements", ":selected"),
    }


async def test_the_explorer_scenario_from_search_to_reload(explorer: Explorer) -> None:
    page = explorer.page
    await explorer.open()
    await explorer.screenshot("0-empty")

    await page.fill("#search", "cimahi")
    options = page.locator("#search-results [role=option]")
    await options.first.wait_for()
    assert "Pemerintah Kota Cimahi" in (await options.all_text_contents())[0]
    await explorer.screenshot("1-search")
    await options.filter(has_text="Pemerintah Kota Cimahi").first.click()
    await page.wait_for_selector("#panel-title:text-is('Pemerintah Kota Cimahi')")
    assert await explorer.canvas_ids("nodes") == {"pemkot-cimahi"}

    # Double-click the entity on the canvas to expand it into its neighbours.
    await page.mouse.dblclick(*await explorer.canvas_point("pemkot-cimahi"))
    await explorer.wait_until("window.explorer.cy.getElementById('dga-2024-cat-kota').nonempty()")
    await explorer.settle()
    assert {"dga-2024-cat-kota", "dicky-saromi", "kota-cimahi"} <= await explorer.canvas_ids(
        "nodes"
    )
    assert ACTING_MAYOR in await explorer.canvas_ids("edges")
    assert "x=pemkot-cimahi" in page.url
    await explorer.screenshot("2-expanded")

    # Click the award edge on the canvas (centred first: the layout may place it low).
    await page.evaluate(
        "(id) => window.explorer.cy.center(window.explorer.cy.getElementById(id))", AWARD_EDGE
    )
    await explorer.settle()
    await page.mouse.click(*await explorer.canvas_point(AWARD_EDGE))
    await page.wait_for_selector("#panel-title:text-is('received award')")
    panel = page.locator("#panel")
    assert "Kategori Pemerintah Kota" in (await panel.text_content() or "")
    assert await panel.locator("dt:text-is('rank') + dd").text_content() == "5"
    assert await panel.locator(f"a[href^='{SOURCE_URL}']").is_visible()
    await explorer.screenshot("3-award-edge")

    # The path from Cimahi's communications office to Dicky Saromi (through the acting mayor's
    # position), highlighted; step to the next and back.
    await page.click("#toggle-path")
    await choose(explorer, "#path-from", "dinas komunikasi dan informatika kota cimahi", OFFICE)
    await choose(explorer, "#path-to", "dicky saromi", "Dicky Saromi")
    await page.click("#path-find")
    await page.wait_for_selector("#path-summary:has-text('Path 1 of')")
    await explorer.settle()
    assert ACTING_MAYOR in await explorer.canvas_ids("edges", ".on-path")
    assert f"{OFFICE} →" in (await page.text_content("#path-summary") or "")
    await explorer.screenshot("4-path")
    await page.click("#path-next")
    await page.wait_for_selector("#path-summary:has-text('Path 2 of')")
    await page.click("#path-prev")
    await page.wait_for_selector("#path-summary:has-text('Path 1 of')")

    # Before 2024 the acting mayor's position did not hold: it leaves the canvas.
    await page.fill("#as-of", "2023-12-31")
    await explorer.wait_until(f"window.explorer.cy.getElementById('{ACTING_MAYOR}').empty()")
    await explorer.settle()
    assert "date=2023-12-31" in page.url
    assert "did not hold on 2023-12-31" in (await page.text_content("#path-summary") or "")
    assert AWARD_EDGE in await explorer.canvas_ids("edges")  # undated facts stay
    await explorer.screenshot("5-before-2024")

    before = await _view(explorer)
    await page.reload()
    await explorer.ready()
    await page.wait_for_selector("#panel-title:text-is('received award')")
    assert await _view(explorer) == before
    await explorer.screenshot("6-reloaded")

    # Back in 2024 the position holds again.
    await page.fill("#as-of", "2024-06-01")
    await explorer.wait_until(f"window.explorer.cy.getElementById('{ACTING_MAYOR}').nonempty()")

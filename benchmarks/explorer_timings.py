"""How quickly the explorer answers a person, measured in Debian's Chromium (headless).

Run against a service that is already up (`make run`, or `graph-service serve` on a large
imported graph):

    python -m benchmarks.explorer_timings --url http://127.0.0.1:8000 \
        --query cimahi --entity pemkot-cimahi --repeat 5

It prints, as medians over the repeats (each in a fresh browser context, so nothing is
cached): first contentful paint of /explore; the first search answer (from the keystroke to
the suggestions on screen; the page waits 120 ms after the last keystroke before asking);
and expanding an entity (from the key press to its neighbours drawn and laid out), with the
time of the GraphQL request alone beside each. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright

from benchmarks.chromium import CHROMIUM, launch_chromium

MEASURES = """(name) => performance.getEntriesByName(name).map((e) => e.duration)"""
GRAPHQL_TIMES = """() => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('/graphql')).map((e) => e.duration)"""


async def _once(browser: Any, url: str, query: str, entity: str) -> dict[str, float]:
    # Playwright's wait_for_function evaluates strings, which the page's policy forbids.
    context = await browser.new_context(viewport={"width": 1366, "height": 820}, bypass_csp=True)
    page = await context.new_page()
    await page.goto(f"{url}/explore")
    await page.wait_for_selector("body[data-ready='true']")
    paint = await page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    await page.fill("#search", query)
    await page.wait_for_selector("#search-results [role=option]")
    search = (await page.evaluate(MEASURES, "explorer:search"))[-1]
    search_request = (await page.evaluate(GRAPHQL_TIMES))[-1]
    await page.goto(f"{url}/explore?n={entity}")
    await page.wait_for_selector("body[data-ready='true']")
    await page.focus("#canvas")
    await page.keyboard.press("ArrowRight")  # selects the entity
    await page.wait_for_selector("#panel-title")
    await page.wait_for_function("document.body.dataset.busy === 'false'")
    await page.evaluate("performance.clearResourceTimings()")
    await page.keyboard.press("Enter")
    await page.wait_for_function("performance.getEntriesByName('explorer:expand').length > 0")
    expand = (await page.evaluate(MEASURES, "explorer:expand"))[-1]
    expand_request = (await page.evaluate(GRAPHQL_TIMES))[0]
    nodes = await page.evaluate("window.explorer.cy.nodes().length")
    await context.close()
    return {
        "first paint": paint,
        "first search answer": search,
        "  its GraphQL request": search_request,
        "expand": expand,
        "  its GraphQL request ": expand_request,
        "nodes drawn after expand": nodes,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--query", default="cimahi")
    parser.add_argument("--entity", default="pemkot-cimahi")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chromium", type=Path, default=CHROMIUM)
    args = parser.parse_args()
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright, args.chromium)
        await _once(browser, args.url, args.query, args.entity)  # warm-up
        runs = [await _once(browser, args.url, args.query, args.entity) for _ in range(args.repeat)]
        await browser.close()
    print(f"{args.url}  query={args.query!r}  entity={args.entity!r}  median of {args.repeat}")
    for name in runs[0]:
        values = [run[name] for run in runs]
        unit = "" if name.startswith("nodes") else " ms"
        print(f"  {name:<26} {statistics.median(values):8.1f}{unit}")


if __name__ == "__main__":
    asyncio.run(main())

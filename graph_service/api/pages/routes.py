"""`/` and `/explore`: HTML shells filled from the package's templates, with a strict
content security policy (scripts, styles and data only from this service)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount, Route

from graph_service.api.pages.assets import (
    ASSET_PATH,
    CYTOSCAPE_FILE,
    CYTOSCAPE_INTEGRITY,
    asset_files,
)
from graph_service.api.pages.config import explorer_config
from graph_service.api.pages.examples import example_links

TEMPLATES = Path(__file__).parent / "templates"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # cytoscape sizes its canvases with inline styles
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _fill(template: str, values: dict[str, str]) -> str:
    html = (TEMPLATES / template).read_text(encoding="utf-8")
    for key, value in values.items():
        html = html.replace("{{" + key + "}}", value)
    if "{{" in html:
        raise RuntimeError(f"{template} has a placeholder left unfilled")
    return html


@cache
def explorer_html() -> str:
    # `</` cannot end the JSON's script element early: every `/` after `<` is escaped.
    config = json.dumps(explorer_config()).replace("</", "<\\/")
    return _fill(
        "explore.html",
        {
            "assets": ASSET_PATH,
            "cytoscape": f"{ASSET_PATH}/{CYTOSCAPE_FILE}",
            "cytoscape_integrity": CYTOSCAPE_INTEGRITY,
            "config": config,
        },
    )


@cache
def landing_html() -> str:
    return _fill("landing.html", {"assets": ASSET_PATH, "examples": example_links()})


async def explore(request: Request) -> HTMLResponse:
    return HTMLResponse(explorer_html(), headers=HEADERS)


async def landing(request: Request) -> HTMLResponse:
    return HTMLResponse(landing_html(), headers=HEADERS)


def page_routes() -> list[BaseRoute]:
    return [
        Route("/", landing, methods=["GET"]),
        Route("/explore", explore, methods=["GET"]),
        Mount(ASSET_PATH, app=asset_files(), name="explorer-assets"),
    ]

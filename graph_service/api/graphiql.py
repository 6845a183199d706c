"""GraphiQL served from the package's own copies of its assets, never from a CDN.

Strawberry's page names unpkg.com URLs with subresource-integrity hashes; the files in
`static/graphiql/` are the same npm releases (tools/vendor_graphiql.sh fetches them), so
the hashes still hold and browsers check them.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.staticfiles import StaticFiles

ASSET_DIR = Path(__file__).parent / "static" / "graphiql"
ASSET_PATH = "/graphiql-assets"

_CDN_FILES = {
    "https://unpkg.com/react@18.2.0/umd/react.production.min.js": "react.production.min.js",
    "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": (
        "react-dom.production.min.js"
    ),
    "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js.cookie.min.js",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql.min.css",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql.min.js",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": "plugin-explorer.css",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": (
        "plugin-explorer.umd.js"
    ),
}


# What a newcomer sees first in the editor (until they type their own).
DEFAULT_QUERY = """# The SPBE knowledge graph: run with Ctrl-Enter.
# Docs and Explorer (left) list every field.
{
  search(query: "cimahi", first: 3) {
    edges { match node { id name kind } }
  }
  node(id: "pemkot-cimahi") {
    ... on LocalGovernment {
      name
      awardsReceived { edges { rank year node { name } sources { publisher url } } }
      indexScores { edges { year value predicate } }
    }
  }
}
"""
_QUERY_ANCHOR = "parameters.q || EXAMPLE_QUERY,"


def localise(html: str) -> str:
    """Strawberry's GraphiQL page with every asset URL pointing at this service, opening
    on an example query."""
    for cdn_url, name in _CDN_FILES.items():
        html = html.replace(cdn_url, f"{ASSET_PATH}/{name}")
    if "https://unpkg.com" in html or _QUERY_ANCHOR not in html:
        raise RuntimeError("Strawberry's GraphiQL page changed: update graphiql.py")
    return html.replace(_QUERY_ANCHOR, f"parameters.q || {json.dumps(DEFAULT_QUERY)},")


def asset_files() -> StaticFiles:
    return StaticFiles(directory=ASSET_DIR)

"""The explorer's static files and the third-party ones it ships, pinned by hash.

`vendor/` holds cytoscape.js's built bundle and licence exactly as npm publishes them
(tools/vendor_cytoscape.sh refreshes them); the page names the bundle with this hash as its
subresource integrity, so a browser refuses a file that is not the pinned release.
"""

from __future__ import annotations

from pathlib import Path

from starlette.staticfiles import StaticFiles

ASSET_DIR = Path(__file__).parent.parent / "static" / "explorer"
ASSET_PATH = "/explorer-assets"

CYTOSCAPE_VERSION = "3.35.0"
CYTOSCAPE_FILE = "vendor/cytoscape.min.js"
CYTOSCAPE_INTEGRITY = "sha384-kp3V5E6ICGTVK17un/PMnK9szzrW0dQW+dEyUb3B7dKhimb1EVzqm1wZ/Ulo7BJf"


def asset_files() -> StaticFiles:
    return StaticFiles(directory=ASSET_DIR)

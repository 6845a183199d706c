"""Debian's Chromium as the explorer's browser tests and its timings benchmark launch it.

One place for the flags, so the numbers the benchmark prints come from the browser the
tests drive: no sandbox as root, no GPU, and none of Chromium's own traffic (updates,
sync, QUIC probes) on a closed network. No browser is downloaded (Playwright's is unused).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def launch_chromium(playwright: Any, executable: Path = CHROMIUM, **options: Any) -> Any:
    """A headless Chromium browser from Playwright's async API."""
    return await playwright.chromium.launch(
        executable_path=str(executable), args=CHROMIUM_FLAGS, **options
    )

"""`python -m graph_service.healthcheck`: exit 0 when the local service is ready, else 1.

The container's HEALTHCHECK: it asks `/readyz` on the port the settings name, so a graph
that is gone marks the container unhealthy (and a proxy stops sending it traffic), while
`/healthz` would say the process itself is alive. Standard library only, no shell.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 3.0


def main() -> int:
    port = os.environ.get("GRAPH_SERVICE_PORT", "8000")
    url = f"http://127.0.0.1:{port}/readyz"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=TIMEOUT_SECONDS) as response:
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:
        print(f"not ready: HTTP {error.code} {error.read()[:300]!r}", file=sys.stderr)
    except OSError as error:
        print(f"not ready: {url}: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

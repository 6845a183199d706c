"""`python -m graph_service.embedded`: the embedded graph server, settings from the environment.

EmbeddedGraphProcess runs this as its child; an error is one line on stderr, which the
parent shows, and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph_service.settings import ConfigurationError, load_settings

from .errors import EmbeddedGraphError
from .server import exit_process, run_embedded_server


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until SIGTERM/SIGINT; 0 after a clean stop, 1 on an error."""
    parser = argparse.ArgumentParser(
        prog="python -m graph_service.embedded",
        description="Serve the embedded graph (ArcadeDB over Bolt) until SIGTERM or SIGINT.",
    )
    parser.add_argument(
        "--stop-on-stdin-eof",
        action="store_true",
        help="also stop when stdin closes (used by a parent process holding a pipe)",
    )
    args = parser.parse_args(argv)
    try:
        run_embedded_server(load_settings(), stop_on_stdin_eof=args.stop_on_stdin_eof)
    except (ConfigurationError, EmbeddedGraphError) as error:
        print(error, file=sys.stderr, flush=True)
        return 1
    exit_process(0)


if __name__ == "__main__":
    sys.exit(main())

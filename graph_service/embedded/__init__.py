"""The embedded graph: ArcadeDB's Bolt server, used when no NEO4J_URI is set.

`run_embedded_server` is the server process itself; `EmbeddedGraphProcess` is how a parent
runs it as a child, and `GraphSupervisor` restarts that child whenever it dies. Importing
this package does not start or import the JVM.
"""

from __future__ import annotations

from .credentials import password_path, read_or_create_password, read_password
from .errors import EmbeddedGraphError
from .process import EmbeddedGraphProcess
from .server import READY_PREFIX, bolt_uri, run_embedded_server
from .supervisor import Backoff, GraphStatus, GraphSupervisor

__all__ = [
    "READY_PREFIX",
    "Backoff",
    "EmbeddedGraphError",
    "EmbeddedGraphProcess",
    "GraphStatus",
    "GraphSupervisor",
    "bolt_uri",
    "password_path",
    "read_or_create_password",
    "read_password",
    "run_embedded_server",
]

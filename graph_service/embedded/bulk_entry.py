"""The embedded graph's bulk-write entry: a rows file written natively, beside Bolt.

The graph's process listens on a Unix socket in its data directory (private to the user
that owns the graph, like the password file beside it). An importer that has validated a
load writes its rows file (`bulk_format`) into `<data dir>/bulk/`, connects, sends one JSON
line `{"rows": "<file name>"}`, and reads JSON lines back: `{"records": n}` as chunks are
written, then `{"done": true}` or `{"error": "..."}`. Closing the connection cancels the
load at the next chunk. One load runs at a time; a second waits for the first, and `{}`
is answered `{"done": true}` once no load runs (an importer taking back a cancelled load
waits for it to stop writing first).

This is only a writer: validation, the journal that takes a failed load back, and the
choice between this and Cypher belong to the importer (`loading.bulk`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import socket
import threading
from pathlib import Path
from typing import Any

import orjson

from .bulk_format import read_chunks, read_types

logger = logging.getLogger(__name__)

SOCKET_NAME = "bulk.sock"
ROWS_DIR_NAME = "bulk"


def socket_path(data_dir: Path) -> Path:
    return data_dir / SOCKET_NAME


def rows_dir(data_dir: Path) -> Path:
    return data_dir / ROWS_DIR_NAME


class BulkEntry:
    """Serves bulk loads into `java_db` (the server's own database) until `close`."""

    def __init__(self, java_db: Any, data_dir: Path) -> None:
        self._java_db = java_db
        self._data_dir = data_dir
        self._listener: socket.socket | None = None
        self._one_load = threading.Lock()

    def start(self) -> None:
        path = socket_path(self._data_dir)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # left by a graph that was killed; the data dir is ours alone
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen(4)
        self._listener = listener
        threading.Thread(target=self._accept, name="bulk-entry", daemon=True).start()

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with contextlib.suppress(FileNotFoundError):
            socket_path(self._data_dir).unlink()

    def _accept(self) -> None:
        listener = self._listener
        while listener is not None:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # closed
            threading.Thread(
                target=self._serve, args=(connection,), name="bulk-load", daemon=True
            ).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection, connection.makefile("rb") as requests:
            try:
                request = orjson.loads(requests.readline() or b"null")
                name = request.get("rows") if isinstance(request, dict) else None
                with self._one_load:
                    if name is not None:  # else: the importer waits for a load to end
                        if not isinstance(name, str) or Path(name).name != name:
                            raise ValueError("`rows` must name a file in the bulk directory")
                        self._load(connection, rows_dir(self._data_dir) / name)
                _send(connection, {"done": True})
            except Exception as error:  # reported to the importer, which takes the load back
                logger.warning("bulk load failed: %s", error)
                with contextlib.suppress(OSError):
                    _send(connection, {"error": _describe(error)})

    def _load(self, connection: socket.socket, path: Path) -> None:
        from .bulk_writer import write_chunks  # imports the JVM bridge: only here

        def cancelled() -> bool:
            readable, _, _ = select.select([connection], [], [], 0)
            return bool(readable)  # the importer sends nothing more: readable means gone

        with path.open("rb") as handle:
            types = read_types(handle)
            write_chunks(
                self._java_db,
                types,
                read_chunks(handle),
                on_records=lambda n: _send(connection, {"records": n}),
                cancelled=cancelled,
            )


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    connection.sendall(orjson.dumps(message) + b"\n")


def _describe(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:500]

"""ArcadeDB with its Bolt plugin: the graph the service uses when no NEO4J_URI is set.

`run_embedded_server` is the whole life of its own process (`graph-service db`, or the child
that `EmbeddedGraphProcess` spawns): the JVM starts once per process, the signal handlers
that stop it cleanly belong to the main thread, and several web workers can share one graph
through Bolt.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import signal
import socket
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME, Settings

from .bulk_entry import BulkEntry
from .credentials import password_path, read_or_create_password
from .errors import EmbeddedGraphError

LOOPBACK = "127.0.0.1"
READY_PREFIX = "graph ready on "  # the one line on stdout; EmbeddedGraphProcess waits for it
SERVER_DIR_NAME = "arcadedb"  # ArcadeDB's root path (config, databases, backups) in the data dir
LOG_DIR_NAME = "log"  # ArcadeDB's log files and any JVM crash report, in the data dir

BOLT_PORT_VARIABLE = "GRAPH_SERVICE_EMBEDDED_BOLT_PORT"
HTTP_PORT_VARIABLE = "GRAPH_SERVICE_EMBEDDED_HTTP_PORT"
DATA_DIR_VARIABLE = "GRAPH_SERVICE_DATA_DIR"

_BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
_READY_TIMEOUT = 30.0  # seconds for HTTP and Bolt to answer once ArcadeDB says it started
_WAIT_SLICE = 0.25  # the longest the main thread sleeps without looking at the stop flag


def bolt_uri(port: int) -> str:
    """The Bolt URI of an embedded graph on `port`; it listens on loopback only."""
    return f"bolt://{LOOPBACK}:{port}"


def run_embedded_server(settings: Settings, *, stop_on_stdin_eof: bool = False) -> None:
    """Serve the graph in `settings.data_dir` until SIGTERM or SIGINT, then stop it cleanly.

    Blocks; call it from the main thread of a process that does nothing else. Everything
    that can be checked before the JVM starts is checked first, so a wrong setting fails
    in a fraction of a second with a message naming the variable to change. Prints
    `graph ready on bolt://127.0.0.1:<port>` to stdout once Bolt answers.

    `stop_on_stdin_eof` also stops the server when stdin closes: a parent that holds the
    other end of a pipe then takes the graph down with it even if it dies without a word.
    """
    if threading.current_thread() is not threading.main_thread():
        raise EmbeddedGraphError("the embedded graph must run in the main thread of its process")
    data_dir = settings.data_dir.expanduser().absolute()
    log_dir = data_dir / LOG_DIR_NAME
    server_root = data_dir / SERVER_DIR_NAME
    _prepare_data_dir(data_dir, log_dir)
    _check_ports(settings.embedded_bolt_port, settings.embedded_http_port)
    _check_password_kept(data_dir, server_root)
    password = read_or_create_password(data_dir)
    logging_config = _write_logging_config(log_dir)
    # Read by arcadedb_embedded when it starts the JVM: a crash report lands beside the data
    # rather than in ./log of whatever directory the process was started from.
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", str(log_dir / "hs_err_pid%p.log"))

    stop = _StopRequest()
    try:
        server = _create_server_deaf(settings, server_root, password, logging_config, stop)
        if stop_on_stdin_eof:
            _watch_stdin(stop)
        if stop.is_set():  # asked to stop while the JVM started: nothing to serve yet
            return
        _start(server)
        bulk_entry: BulkEntry | None = None
        try:
            if not stop.is_set():
                _ensure_database(settings.embedded_http_port, password, data_dir, stop)
            if not stop.is_set():
                _wait_for_bolt(settings.embedded_bolt_port, stop)
            if not stop.is_set():
                bulk_entry = _open_bulk_entry(server, data_dir)
            if not stop.is_set():
                print(f"{READY_PREFIX}{bolt_uri(settings.embedded_bolt_port)}", flush=True)
            stop.wait()
        finally:
            if bulk_entry is not None:
                bulk_entry.close()
            _stop(server)
    finally:
        stop.close()


def _create_server_deaf(
    settings: Settings, server_root: Path, password: str, logging_config: Path, stop: _StopRequest
) -> Any:
    """Start the JVM with SIGTERM and SIGINT ignored and held, then hand them to `stop`.

    The JVM's own handlers for these signals run Java shutdown hooks under a live Python
    interpreter and crash it (SIGSEGV, an hs_err file). It installs none for a signal that
    is ignored when it starts, and its threads inherit the main thread's mask, so both
    signals reach the main thread alone from then on. Held, not only ignored: one that
    comes during the start waits, and is delivered to `stop` when the mask is restored.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in held}
    try:
        server = _create_server(settings, server_root, password, logging_config)
    except BaseException:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        raise
    else:
        stop.install_signal_handlers()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return server


class _StopRequest:
    """Set by SIGTERM, SIGINT or a closed stdin, and wakes the main thread at once.

    A signal that lands on another thread is only noted by Python, which runs the handler
    when the main thread next runs bytecode; the wakeup fd makes the main thread do so.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)

    def install_signal_handlers(self) -> None:
        def request_stop(signum: int, frame: FrameType | None) -> None:
            self.set()
            # Asked twice: the next one ends the process at once (the kernel's default).
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)

    def set(self) -> None:
        self._event.set()
        with contextlib.suppress(OSError):
            self._writer.send(b"\0")

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self) -> None:
        while not self.is_set():
            select.select([self._reader], [], [], _WAIT_SLICE)
            with contextlib.suppress(OSError):
                self._reader.recv(4096)

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._reader.close()
        self._writer.close()


def _prepare_data_dir(data_dir: Path, log_dir: Path) -> None:
    try:
        # Private when created here: it holds the password file and the users' hashes.
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        log_dir.mkdir(mode=0o700, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise EmbeddedGraphError(
            f"the graph data directory {data_dir} cannot be created or written ({reason}); "
            f"set {DATA_DIR_VARIABLE} to a directory this user can write"
        ) from None


def _check_ports(bolt_port: int, http_port: int) -> None:
    if bolt_port == http_port:
        raise EmbeddedGraphError(
            f"{BOLT_PORT_VARIABLE} and {HTTP_PORT_VARIABLE} are both {bolt_port}; "
            "the embedded graph needs two different ports"
        )
    _check_port_free(bolt_port, BOLT_PORT_VARIABLE, "Bolt")
    _check_port_free(http_port, HTTP_PORT_VARIABLE, "HTTP")


def _check_port_free(port: int, variable: str, protocol: str) -> None:
    """Bind the port the way the JVM will (SO_REUSEADDR), so TIME_WAIT from a restart is fine."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as error:
            reason = error.strerror or str(error)
            raise EmbeddedGraphError(
                f"the embedded graph cannot listen for {protocol} on {LOOPBACK}:{port} "
                f"({reason}); is another graph server running? Set {variable} to a free port"
            ) from None


def _check_password_kept(data_dir: Path, server_root: Path) -> None:
    """ArcadeDB ignores a new root password once its root user exists: say so, don't 403."""
    users = server_root / "config" / "server-users.jsonl"
    path = password_path(data_dir)
    if users.exists() and not path.exists():
        raise EmbeddedGraphError(
            f"{path} is missing, but the graph in {server_root} already has a root user "
            f"created with the password it held; restore the file, or remove {data_dir} "
            "to start a new, empty graph"
        )


def _write_logging_config(log_dir: Path) -> Path:
    """java.util.logging setup: WARNING and up on stderr, INFO to files in the data dir.

    ArcadeDB's bundled setup logs INFO to the console and to ./log of the working
    directory; neither belongs to a child process of the web server.
    """
    pattern = str(log_dir / "arcadedb.log").replace("%", "%%")
    lines = [
        "handlers = java.util.logging.ConsoleHandler, java.util.logging.FileHandler",
        ".level = INFO",
        "com.arcadedb.level = INFO",
        "io.undertow.level = WARNING",
        "org.xnio.level = WARNING",
        "org.jboss.level = WARNING",
        # "GraalVM Polyglot Engine: no languages found" at every start; scripting is unused.
        "com.arcadedb.query.polyglot.level = SEVERE",
        "java.util.logging.ConsoleHandler.level = WARNING",
        "java.util.logging.ConsoleHandler.formatter = com.arcadedb.log.LogFormatter",
        "java.util.logging.FileHandler.level = INFO",
        f"java.util.logging.FileHandler.pattern = {_properties_value(pattern)}",
        "java.util.logging.FileHandler.formatter = com.arcadedb.log.LogFormatter",
        "java.util.logging.FileHandler.limit = 10000000",
        "java.util.logging.FileHandler.count = 5",
        "java.util.logging.FileHandler.append = true",
    ]
    path = log_dir / "logging.properties"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def _properties_value(text: str) -> str:
    """Escape for a Java .properties file, which is read as ISO-8859-1."""
    escaped = []
    for char in text:
        if char == "\\":
            escaped.append("\\\\")
        elif " " <= char <= "~":
            escaped.append(char)
        else:
            units = char.encode("utf-16-be")
            for index in range(0, len(units), 2):
                escaped.append(f"\\u{units[index]:02x}{units[index + 1]:02x}")
    return "".join(escaped)


def _create_server(
    settings: Settings, server_root: Path, password: str, logging_config: Path
) -> Any:
    from arcadedb_embedded.exceptions import ArcadeDBError  # imports the JVM bridge: only here
    from arcadedb_embedded.server import ArcadeDBServer

    jvm_args = []
    if "java.util.logging.config.file" not in os.environ.get("ARCADEDB_JVM_ARGS", ""):
        jvm_args.append(f"-Djava.util.logging.config.file={logging_config}")
    config = {
        # `host` sets arcadedb.server.httpIncomingHost and, in this wheel, every plugin host
        # whose engine default is 0.0.0.0; bolt_host (arcadedb.bolt.host) is set as well so
        # that Bolt stays on loopback whatever the wrapper's defaults become.
        "host": LOOPBACK,
        "bolt_host": LOOPBACK,
        "http_port": settings.embedded_http_port,
        "server_plugins": _BOLT_PLUGIN,
        "bolt_port": settings.embedded_bolt_port,
    }
    try:
        return ArcadeDBServer(
            root_path=str(server_root),
            root_password=password,
            config=config,
            jvm_kwargs={"jvm_args": jvm_args},
        )
    except ArcadeDBError as error:
        raise EmbeddedGraphError(f"the embedded graph could not be set up: {error}") from error


def _start(server: Any) -> None:
    from arcadedb_embedded.exceptions import ArcadeDBError

    try:
        server.start()
    except ArcadeDBError as error:
        raise EmbeddedGraphError(
            f"the embedded graph did not start: {error} "
            f"(ports come from {BOLT_PORT_VARIABLE} and {HTTP_PORT_VARIABLE})"
        ) from error


def _stop(server: Any) -> None:
    from arcadedb_embedded.exceptions import ArcadeDBError

    try:
        server.stop()
    except ArcadeDBError as error:
        raise EmbeddedGraphError(f"the embedded graph did not stop cleanly: {error}") from error


def _open_bulk_entry(server: Any, data_dir: Path) -> BulkEntry | None:
    """The bulk-write entry of `graph-service import` (see `bulk_entry`); without it (a
    data dir path too long for a Unix socket) an import writes through Bolt."""
    entry = BulkEntry(server.get_database(EMBEDDED_DATABASE).get_java_database(), data_dir)
    try:
        entry.start()
    except OSError as error:
        print(f"the bulk-load socket in {data_dir} is off: {error}", file=sys.stderr, flush=True)
        return None
    return entry


def _watch_stdin(stop: _StopRequest) -> None:
    stdin = sys.stdin
    if stdin is None:
        return

    def watch() -> None:
        try:
            while stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    threading.Thread(target=watch, name="embedded-graph-parent-watch", daemon=True).start()


def _ensure_database(http_port: int, password: str, data_dir: Path, stop: _StopRequest) -> None:
    """Create the service's database unless it exists; a restart finds it in the list."""
    base = f"http://{LOOPBACK}:{http_port}/api/v1"
    token = base64.b64encode(f"{EMBEDDED_USERNAME}:{password}".encode()).decode("ascii")
    # No proxy: a proxy from the environment must not see loopback traffic or its password.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def call(method: str, path: str, body: dict[str, str] | None = None) -> Any:
        request = urllib.request.Request(
            base + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
        )
        with opener.open(request, timeout=_READY_TIMEOUT) as response:
            return json.load(response)

    try:
        names = call("GET", "/databases").get("result", [])
        if EMBEDDED_DATABASE not in names and not stop.is_set():
            try:
                call("POST", "/server", {"command": f"create database {EMBEDDED_DATABASE}"})
            except urllib.error.HTTPError as error:
                if error.code != 409:  # 409: created meanwhile by someone else; fine
                    raise
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise EmbeddedGraphError(
                f"the embedded graph refused the password in {password_path(data_dir)}; the "
                "graph was created with another one. Restore the file, or remove "
                f"{data_dir} to start a new, empty graph"
            ) from None
        detail = error.read().decode("utf-8", "replace")[:500]
        raise EmbeddedGraphError(
            f"the embedded graph could not create database {EMBEDDED_DATABASE!r}: "
            f"HTTP {error.code} {detail}"
        ) from None
    except (OSError, ValueError) as error:
        raise EmbeddedGraphError(
            f"the embedded graph's HTTP API on {LOOPBACK}:{http_port} did not answer: {error}"
        ) from None


def _wait_for_bolt(port: int, stop: _StopRequest) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT
    while not _bolt_answers(port):
        if stop.is_set():
            return
        if time.monotonic() > deadline:
            raise EmbeddedGraphError(
                f"the embedded graph's Bolt listener on {LOOPBACK}:{port} did not answer "
                f"within {_READY_TIMEOUT:.0f} s"
            )
        time.sleep(0.05)


def _bolt_answers(port: int) -> bool:
    """A Bolt handshake: the server picks one of the versions offered (5.0-5.4, 4.4)."""
    offer = b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00\x00\x04\x04" + bytes(8)
    try:
        with socket.create_connection((LOOPBACK, port), timeout=2.0) as connection:
            connection.sendall(offer)
            reply = b""
            while len(reply) < 4:
                chunk = connection.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
    except OSError:
        return False
    return reply != bytes(4)


def exit_process(code: int) -> NoReturn:
    """End the graph's process at once, once `run_embedded_server` has returned.

    By then the server has stopped and closed its databases, but ArcadeDB leaves one
    non-daemon thread per Bolt connection a client still holds (e.g. a driver's idle pool),
    and the JVM would wait for them at exit: until the parent gives up and kills it.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

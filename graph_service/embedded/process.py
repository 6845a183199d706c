"""The embedded graph as a child process of whoever needs it (web server, seed command, tests).

The child runs `python -m graph_service.embedded`; this side starts it, waits for its ready
line and stops it with SIGTERM, which the child turns into a clean ArcadeDB shutdown.

A reaper thread waits on the child for its whole life (`waitpid` with WUNTRACED and
WCONTINUED): its exit is reaped at once (no zombie) and noted, and so are a stop (SIGSTOP)
and a continue. Listeners hear each event; `GraphSupervisor` is one.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import IO, Literal

from graph_service.settings import EMBEDDED_DATABASE, EMBEDDED_USERNAME, Settings

from .credentials import read_password
from .errors import EmbeddedGraphError
from .server import (
    BOLT_PORT_VARIABLE,
    DATA_DIR_VARIABLE,
    HTTP_PORT_VARIABLE,
    READY_PREFIX,
    bolt_uri,
)

logger = logging.getLogger(__name__)

_STDERR_TAIL_LINES = 40
ProcessEvent = Literal["exited", "stopped", "continued"]
# Printed by the JVM at every start because the wheel enables the vector module; not news.
_NOISE = ("WARNING: Using incubator modules",)


class EmbeddedGraphProcess:
    """Start, find and stop the embedded graph server, run as a child process.

    Synchronous on purpose: it is used once at startup and once at shutdown.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._data_dir = settings.data_dir.expanduser().absolute()
        self._process: subprocess.Popen[str] | None = None
        self._ready = threading.Event()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=_STDERR_TAIL_LINES)
        self._readers: list[threading.Thread] = []
        self._exited = threading.Event()
        self._exited.set()
        self._frozen = False
        self._listeners: list[Callable[[ProcessEvent, EmbeddedGraphProcess], None]] = []

    def add_listener(self, listener: Callable[[ProcessEvent, EmbeddedGraphProcess], None]) -> None:
        """Call `listener(event, self)` from the reaper thread when the child exits, stops or
        continues."""
        self._listeners.append(listener)

    @property
    def bolt_uri(self) -> str:
        """Where the driver connects: loopback, the configured Bolt port."""
        return bolt_uri(self._settings.embedded_bolt_port)

    @property
    def auth(self) -> tuple[str, str]:
        """(user, password) for the driver; the password is read from the data dir."""
        return (EMBEDDED_USERNAME, read_password(self._data_dir))

    @property
    def database(self) -> str:
        """The database the driver must name (`database_=`); the child creates it."""
        return EMBEDDED_DATABASE

    @property
    def pid(self) -> int | None:
        """The child's process id while one was started."""
        return None if self._process is None else self._process.pid

    @property
    def returncode(self) -> int | None:
        """The child's exit status once it ended (0 after a clean stop, -N for signal N)."""
        return None if self._process is None else self._process.returncode

    @property
    def running(self) -> bool:
        """True while the child is alive (frozen by SIGSTOP included)."""
        return self._process is not None and not self._exited.is_set()

    @property
    def frozen(self) -> bool:
        """True while the child is stopped by a signal (SIGSTOP, SIGTSTP)."""
        return self.running and self._frozen

    def exit_description(self) -> str:
        """How the last child ended, in words: 'was killed by SIGKILL', 'exited with status 1'."""
        code = self.returncode
        if code is None:
            return "is running"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"was killed by {name}"
        return f"exited with status {code}"

    def start(self, timeout: float = 60) -> None:
        """Spawn the child and return once it prints its ready line.

        Raises EmbeddedGraphError, carrying the end of the child's stderr (where it says
        which setting to change), if the child exits first or is not ready in `timeout` s.
        """
        if self.running:
            raise EmbeddedGraphError(f"the embedded graph is already running (pid {self.pid})")
        env = dict(os.environ)
        # The child reads its settings from the environment; these make sure it reads the
        # ones this parent was given, whatever mapping they were loaded from.
        env[DATA_DIR_VARIABLE] = str(self._data_dir)
        env[BOLT_PORT_VARIABLE] = str(self._settings.embedded_bolt_port)
        env[HTTP_PORT_VARIABLE] = str(self._settings.embedded_http_port)
        self._ready.clear()
        self._stderr_tail.clear()
        process = subprocess.Popen(
            [sys.executable, "-m", "graph_service.embedded", "--stop-on-stdin-eof"],
            stdin=subprocess.PIPE,  # closed by our death: the child then stops itself
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            errors="replace",
            # Its own session: a Ctrl-C in the terminal reaches the parent alone, which
            # stops the graph after it has stopped using it.
            start_new_session=True,
        )
        self._process = process
        self._frozen = False
        self._exited.clear()
        threading.Thread(
            target=self._reap, args=(process,), name="embedded-graph-reaper", daemon=True
        ).start()
        assert process.stdout is not None and process.stderr is not None
        self._readers = [
            self._spawn_reader(process.stdout, self._on_stdout, "stdout"),
            self._spawn_reader(process.stderr, self._on_stderr, "stderr"),
        ]
        deadline = time.monotonic() + timeout
        while not self._ready.wait(0.05):
            if self._exited.is_set():
                self._join_readers()
                self._close_pipes()
                raise EmbeddedGraphError(
                    f"the embedded graph exited with status {process.returncode} before it "
                    f"was ready{self._tail_text()}"
                )
            if time.monotonic() > deadline:
                self.stop()
                raise EmbeddedGraphError(
                    f"the embedded graph was not ready within {timeout:g} s{self._tail_text()}"
                )

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the child and wait for its clean shutdown; SIGKILL it after `timeout` s."""
        process = self._process
        if process is None:
            return
        was_running = not self._exited.is_set()
        if was_running:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
                if self._frozen:  # a stopped process handles no signal until continued
                    process.send_signal(signal.SIGCONT)
            if not self._exited.wait(timeout):
                logger.warning(
                    "the embedded graph (pid %s) did not stop within %g s; killing it",
                    process.pid,
                    timeout,
                )
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                self._exited.wait()
        self._join_readers()
        self._close_pipes()
        if was_running and process.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
            logger.warning(
                "the embedded graph exited with status %s%s",
                process.returncode,
                self._tail_text(),
            )

    def __enter__(self) -> EmbeddedGraphProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _reap(self, process: subprocess.Popen[str]) -> None:
        """Wait on the child until it ends, noting stops and continues on the way.

        The only caller of waitpid for this child: Popen's own wait/poll are never used, so
        the status is not lost to a race, and `returncode` is set here.
        """
        flags = os.WUNTRACED | os.WCONTINUED
        while True:
            try:
                _, status = os.waitpid(process.pid, flags)
            except ChildProcessError:  # reaped by someone else (SIGCHLD ignored): unknown
                status = 0
            except InterruptedError:
                continue
            if os.WIFSTOPPED(status):
                self._frozen = True
                self._notify("stopped")
            elif os.WIFCONTINUED(status):
                self._frozen = False
                self._notify("continued")
            else:
                process.returncode = os.waitstatus_to_exitcode(status) if status else 0
                self._frozen = False
                self._exited.set()
                self._notify("exited")
                return

    def _notify(self, event: ProcessEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event, self)
            except Exception:
                logger.exception("embedded graph listener failed on %s", event)

    def _spawn_reader(
        self, stream: IO[str], on_line: Callable[[str], None], name: str
    ) -> threading.Thread:
        """Drain a pipe for the child's whole life, so a full pipe never blocks the child."""

        def read() -> None:
            try:
                for line in stream:
                    on_line(line.rstrip("\n"))
            except (OSError, ValueError):  # closed under us while stopping
                pass

        thread = threading.Thread(target=read, name=f"embedded-graph-{name}", daemon=True)
        thread.start()
        return thread

    def _on_stdout(self, line: str) -> None:
        if line.startswith(READY_PREFIX):
            self._ready.set()
        elif line.strip():
            logger.info("embedded graph: %s", line)

    def _on_stderr(self, line: str) -> None:
        if not line.strip() or line.startswith(_NOISE):
            return
        self._stderr_tail.append(line)
        # The child's console shows WARNING and above only: each line is worth seeing.
        logger.warning("embedded graph: %s", line)

    def _join_readers(self) -> None:
        for thread in self._readers:
            thread.join(timeout=5)
        self._readers = []

    def _close_pipes(self) -> None:
        process = self._process
        if process is None:
            return
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):  # stdin of a dead child: broken pipe
                    stream.close()

    def _tail_text(self) -> str:
        if not self._stderr_tail:
            return ""
        return ":\n" + "\n".join(self._stderr_tail)

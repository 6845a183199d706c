"""Keeps the embedded graph running: notices its death, says what happened, restarts it.

The child is reaped the moment it ends (see `EmbeddedGraphProcess`); the supervisor then
logs how it ended, reports the graph down with that reason, and starts it again on the same
data dir. A child that dies again soon after a start is a crash loop: the wait before the
next start doubles each time (up to a ceiling) and every attempt is logged. A frozen child
(SIGSTOP) is reported as such and left alone: it serves again once continued.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import EmbeddedGraphError
from .process import EmbeddedGraphProcess, ProcessEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GraphStatus:
    """Whether the supervised graph serves, and if not, why, in an operator's words."""

    up: bool
    reason: str | None = None
    restarts: int = 0


@dataclass(frozen=True)
class Backoff:
    """Waits before restarts: `initial`, doubled after each quick death, up to `ceiling`.

    A child that ran `stable_after` seconds or more counts as healthy: the next wait is
    `initial` again.
    """

    initial: float = 1.0
    ceiling: float = 30.0
    stable_after: float = 30.0


class GraphSupervisor:
    """Runs an `EmbeddedGraphProcess` and restarts it whenever it ends unasked."""

    def __init__(
        self,
        process: EmbeddedGraphProcess,
        backoff: Backoff | None = None,
        on_restart: Callable[[], None] | None = None,
    ) -> None:
        self.process = process
        self.backoff = backoff or Backoff()
        self._on_restart = on_restart
        self._status = GraphStatus(up=False, reason="the embedded graph has not started")
        self._restarts = 0
        self._stopping = threading.Event()
        self._died = threading.Event()
        self._thread: threading.Thread | None = None
        self._started_at = 0.0
        process.add_listener(self._on_process_event)

    @property
    def status(self) -> GraphStatus:
        return self._status

    @property
    def restarts(self) -> int:
        return self._restarts

    def start(self, timeout: float = 60) -> None:
        """Start the graph (raising if it cannot start) and watch it from then on."""
        self._stopping.clear()
        self._died.clear()
        self.process.start(timeout)
        self._started_at = time.monotonic()
        self._set(GraphStatus(up=True, restarts=self._restarts))
        self._thread = threading.Thread(
            target=self._watch, name="embedded-graph-supervisor", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Stop watching, then stop the graph cleanly."""
        self._stopping.set()
        self._died.set()  # wake the watcher
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.process.stop(timeout)
        self._set(GraphStatus(up=False, reason="the embedded graph was stopped"))

    def __enter__(self) -> GraphSupervisor:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _on_process_event(self, event: ProcessEvent, process: EmbeddedGraphProcess) -> None:
        if self._stopping.is_set():
            return
        if event == "stopped":
            reason = (
                f"the embedded graph (pid {process.pid}) is stopped by a signal (SIGSTOP?) "
                "and answers nothing until it is continued (SIGCONT)"
            )
            logger.error(reason)
            self._set(GraphStatus(up=False, reason=reason, restarts=self._restarts))
        elif event == "continued":
            logger.warning("the embedded graph (pid %s) was continued", process.pid)
            self._set(GraphStatus(up=True, restarts=self._restarts))
        elif event == "exited":
            self._died.set()

    def _watch(self) -> None:
        delay = self.backoff.initial
        while True:
            self._died.wait()
            if self._stopping.is_set():
                return
            self._died.clear()
            lived = time.monotonic() - self._started_at
            delay = self.backoff.initial if lived >= self.backoff.stable_after else delay
            how = f"the embedded graph (pid {self.process.pid}) {self.process.exit_description()}"
            while not self._stopping.is_set():
                self._restarts += 1
                reason = f"{how}; restart {self._restarts} in {delay:g} s"
                logger.error("%s", reason)
                self._set(GraphStatus(up=False, reason=reason, restarts=self._restarts))
                if self._stopping.wait(delay):
                    return
                quick_death = lived < self.backoff.stable_after
                if quick_death and delay > self.backoff.initial:
                    logger.error("the embedded graph is crash looping; backing off")
                self._set(
                    GraphStatus(up=False, reason=f"{how}; restarting it", restarts=self._restarts)
                )
                try:
                    self.process.stop()  # reap pipes and readers of the dead child
                    self.process.start()
                except (EmbeddedGraphError, OSError) as error:
                    how = f"the embedded graph could not be restarted: {error}"
                    delay = min(delay * 2, self.backoff.ceiling)
                    continue
                self._started_at = time.monotonic()
                logger.warning(
                    "the embedded graph is back (pid %s, restart %s)",
                    self.process.pid,
                    self._restarts,
                )
                self._set(GraphStatus(up=True, restarts=self._restarts))
                if self._on_restart is not None:
                    self._on_restart()
                if quick_death:
                    delay = min(delay * 2, self.backoff.ceiling)
                break

    def _set(self, status: GraphStatus) -> None:
        self._status = status

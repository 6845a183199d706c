"""Logging set up once per process: JSON lines for machines, or plain text for a developer.

Every line logged while a request is answered carries its request id (`REQUEST_ID`, set by
`graph_service.api.middleware.request_id`, the one source of the id); the access line also
names the operation, status and code (`graph_service.api.middleware.access_log`).
python-json-logger does the JSON: one object a line, `extra` fields as keys.
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import Literal

from pythonjsonlogger.orjson import OrjsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message"]
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    """Stamps a record logged while a request is answered with that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = REQUEST_ID.get()
        if request_id is not None and getattr(record, "request_id", None) is None:
            record.request_id = request_id
        return True


def formatter(log_format: Literal["json", "text"]) -> logging.Formatter:
    if log_format == "json":
        return OrjsonFormatter(
            JSON_FIELDS,
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            timestamp=False,
        )
    return logging.Formatter(TEXT_FORMAT)


def configure_logging(log_format: Literal["json", "text"], level: str = "INFO") -> None:
    """Route every logger (uvicorn's too) through one stderr handler in `log_format`."""
    _record_less()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter(log_format))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers[:] = []
        uvicorn_logger.propagate = True
    # The Redis client's retries are noise: the rate limiter reports a failing Redis itself.
    logging.getLogger("coredis").setLevel(logging.WARNING)
    # The access line is ours (with request id, operation and code); uvicorn's is off.
    logging.getLogger("uvicorn.access").disabled = True


def _record_less() -> None:
    """Skip what no line of ours prints (as logging's HOWTO, "Optimization", describes):
    the caller's file, line and function (a walk up the stack for every record), and the
    thread, process and multiprocessing names. An access line a request: a tenth of a
    point lookup's CPU went to logging it."""
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False

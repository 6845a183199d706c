"""Leaves what the access log and metrics need in the request's scope state.

The operation's name, the first error code of its result, and its Cypher work (statements
and milliseconds, from the request's query log). Listed first among the extensions, so its
exit runs last, after the graph errors got their codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from graph_service.api.middleware.access_log import (
    CODE_KEY,
    GRAPH_MS_KEY,
    OPERATION_KEY,
    STATEMENTS_KEY,
)


class OperationReport(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        report_operation(
            context.context,
            context.operation_name,
            getattr(context.result, "errors", None),
        )


def report_operation(context: Any, operation_name: str | None, errors: Any) -> None:
    """Leave the operation's name, first error code and Cypher work in the scope state of
    `context`'s request (also called by the fast path's direct entry, `fast_reads/direct.py`)."""
    request = getattr(context, "request", None)
    state: dict[str, Any] | None = getattr(request, "scope", {}).get("state")
    if state is None:
        return
    state[OPERATION_KEY] = operation_name
    for error in errors or []:
        code = (error.extensions or {}).get("code")
        if code:
            state[CODE_KEY] = str(code)
            break
    log = getattr(context, "log", None)
    if log is not None:
        state[STATEMENTS_KEY] = log.count
        state[GRAPH_MS_KEY] = log.milliseconds

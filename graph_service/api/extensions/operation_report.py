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
        request = getattr(context.context, "request", None)
        state: dict[str, Any] | None = getattr(request, "scope", {}).get("state")
        if state is None:
            return
        state[OPERATION_KEY] = context.operation_name
        for error in getattr(context.result, "errors", None) or []:
            code = (error.extensions or {}).get("code")
            if code:
                state[CODE_KEY] = str(code)
                break
        log = getattr(context.context, "log", None)
        if log is not None:
            state[STATEMENTS_KEY] = log.count
            state[GRAPH_MS_KEY] = log.milliseconds

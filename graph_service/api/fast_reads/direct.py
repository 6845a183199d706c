"""The direct entry to the fast path: a document the fast path served before is answered
without Strawberry's operation (`schema.execute` and its runner of a dozen extensions,
each hook an async context manager: a sixth of a point lookup's CPU).

What the extensions decide about a document alone (parse, token limit, validation, the
shape limits, introspection) cannot change between two requests of the same text under the
same schema, and a document reaches the fast path only after all of them passed; the view
learns such documents from the extension (`learn`). A later request of one is then checked
here for what depends on the request (its variables' strings and nesting, the length of
the document's string literals under this service's setting, the cost for these
variables, each by the very function its extension calls) and answered by the fast path
(`run.serve`), with the operation report and the query trace its extensions would have
added. Anything else goes the normal way, and so does a result with errors (their codes,
masking and logging are the extensions' work): the fast path's result travels with the
request (`Context.fast_reads_result`), so the extension hands it over instead of running
the statements again.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import strawberry
from strawberry.schema.base import BaseSchema
from strawberry.types import ExecutionResult

from graph_service.api.context import Context
from graph_service.api.extensions.document_caches import DOCUMENTS_CACHED
from graph_service.api.extensions.input_strings import literal_errors, variable_problem
from graph_service.api.extensions.operation_report import report_operation
from graph_service.api.extensions.query_trace import trace_results
from graph_service.api.fast_reads.program import Program
from graph_service.api.fast_reads.run import serve
from graph_service.api.limits import SchemaLimits
from graph_service.api.limits.cost_limiter import memoised_cost


class DirectReads:
    """The documents of one schema that the fast path served, by text and the operation
    name the request gave (an LRU), and the request-dependent checks."""

    def __init__(self, limits: SchemaLimits, size: int = DOCUMENTS_CACHED) -> None:
        self.size = size
        self._max_cost = limits.max_cost
        self._cost = memoised_cost(limits.page_cap, limits.nested_page)
        self._known: OrderedDict[tuple[str, str | None], Program] = OrderedDict()

    def learn(self, text: str, operation_name: str | None, context: Context) -> None:
        """Remember the document of a request the extension served (`context` tells)."""
        program = context.fast_reads_program
        if program is None or context.fast_reads_ran:
            return
        self._known[(text, operation_name)] = program
        self._known.move_to_end((text, operation_name))
        if len(self._known) > self.size:
            self._known.popitem(last=False)

    def knows(self, text: str, operation_name: str | None) -> bool:
        return (text, operation_name) in self._known

    async def execute(
        self,
        schema: BaseSchema,
        text: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Context,
    ) -> ExecutionResult | None:
        """The result of the request, or None to leave it to `schema.execute`."""
        program = self._known.get((text, operation_name))
        if (
            program is None
            or not isinstance(schema, strawberry.Schema)
            or program.schema is not schema._schema
            or program.operation is None
            or context.fast_reads_ran
            or not context.settings.fast_reads
        ):
            return None
        self._known.move_to_end((text, operation_name))
        variables = variables or {}
        max_length = context.settings.max_string_length
        if variable_problem(variables, max_length) is not None:
            return None
        if literal_errors(program.document, max_length):
            return None
        name = program.operation.name.value if program.operation.name else None
        if self._cost(schema._schema, text, program.document, variables, name) > self._max_cost:
            return None
        context.fast_reads_ran = True
        result = await serve(schema, program, variables, context)
        context.fast_reads_result = result
        if result is None or result.errors:
            return None
        report_operation(context, operation_name or name, None)
        return ExecutionResult(data=result.data, errors=None, extensions=trace_results(context))

"""The fast path for translated reads, as the last extension around execution.

When the document is one the fast path serves (`eligible.py`) and no earlier extension
answered (the cost limiter refuses by answering), the response is built from the Cypher rows
(`run.py`) and set as the result, which Strawberry treats as "already executed". Everything
around execution runs as for any request: parse and validation caches, limits, error codes
and masking, the query trace, the operation report. Off with GRAPH_SERVICE_FAST_READS=false.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension

from graph_service.api.context import Context
from graph_service.api.fast_reads.program import Programs
from graph_service.api.fast_reads.run import serve

PROGRAMS = Programs()


class FastReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        if (
            execution.result is None
            and execution.graphql_document is not None
            and execution.query is not None
            and isinstance(context, Context)
            and context.settings.fast_reads
        ):
            program = PROGRAMS.get(
                execution.schema._schema,
                execution.query,
                execution.graphql_document,
                execution.operation_name,
            )
            if program.operation is not None:
                result = await serve(execution.schema, program, execution.variables, context)
                if result is not None:
                    execution.result = result
        yield

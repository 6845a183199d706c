"""The fast path for translated reads, as the last extension around execution.

When the document is one the fast path serves (`eligible.py`) and no earlier extension
answered (the cost limiter refuses by answering), the response is built from the Cypher rows
(`run.py`) and set as the result, which Strawberry treats as "already executed". Everything
around execution runs as for any request: parse and validation caches, limits, error codes
and masking, the query trace, the operation report. Off with GRAPH_SERVICE_FAST_READS=false.

The program of a document served here is left in the request's context: the document
parsed, validated and passed the shape limits, so the view lets later requests of it take
the direct entry (`direct.py`), which skips this pipeline. When the direct entry already
ran the fast path for a request and hands it over (its result had errors, which the
extensions give their codes and masks; or the rows needed GraphQL execution), the result
it got is used as is, and nothing runs twice.
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
            if context.fast_reads_ran:
                execution.result = context.fast_reads_result  # None: execute normally
            else:
                program = PROGRAMS.get(
                    execution.schema._schema,
                    execution.query,
                    execution.graphql_document,
                    execution.operation_name,
                )
                if program.operation is not None:
                    context.fast_reads_program = program
                    result = await serve(execution.schema, program, execution.variables, context)
                    if result is not None:
                        execution.result = result
        yield

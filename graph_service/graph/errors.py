"""The service's own error kinds for graph failures; driver errors are mapped in the executor."""


class GraphError(Exception):
    """The graph rejected or failed a query."""


class GraphUnavailable(GraphError):
    """The graph server cannot be reached; `retry_after` is a fair wait in seconds."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class GraphCommitUnknown(GraphUnavailable):
    """The connection was lost while a write transaction committed: the write may or may
    not be in the graph (the driver does not retry it)."""


class GraphTimeout(GraphError):
    """A graph transaction ran longer than the configured timeout."""


class GraphConflict(GraphError):
    """A write clashed with a concurrent one (a unique key taken meanwhile, an entity deleted
    meanwhile); running the transaction again sees the other write."""


class GraphDriverError(GraphError):
    """The driver failed on this side (closed, misused): the service's fault, not the graph's
    nor the client's, so an internal error."""


class GraphBusy(GraphError):
    """No connection to the graph was free in time: the service is overloaded."""

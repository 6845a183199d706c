"""The service's own error kinds for graph failures; driver errors are mapped in the executor."""


class GraphError(Exception):
    """The graph rejected or failed a query."""


class GraphUnavailable(GraphError):
    """The graph server cannot be reached."""


class GraphTimeout(GraphError):
    """A graph transaction ran longer than the configured timeout."""


class GraphConflict(GraphError):
    """A write clashed with a concurrent one (a unique key taken meanwhile, an entity deleted
    meanwhile); running the transaction again sees the other write."""


class GraphDriverError(GraphError):
    """The driver failed on this side (closed, misused): the service's fault, not the graph's
    nor the client's, so an internal error."""

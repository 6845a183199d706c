"""The service's own error kinds for graph failures; driver errors are mapped in the executor."""


class GraphError(Exception):
    """The graph rejected or failed a query."""


class GraphUnavailable(GraphError):
    """The graph server cannot be reached."""


class GraphTimeout(GraphError):
    """A graph transaction ran longer than the configured timeout."""

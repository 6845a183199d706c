"""What operators see: Prometheus metrics, JSON log lines, optional OpenTelemetry traces."""

from graph_service.observability.logs import configure_logging
from graph_service.observability.metrics import metrics_endpoint

__all__ = ["configure_logging", "metrics_endpoint"]

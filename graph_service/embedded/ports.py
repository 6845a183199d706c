"""Free loopback ports, for running an embedded graph beside others (tests, benchmarks)."""

from __future__ import annotations

import socket


def free_ports(count: int) -> list[int]:
    """Ports the kernel picked as free on 127.0.0.1, all held at once so that they differ."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for probe in sockets:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()

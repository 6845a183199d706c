"""Is the graph server there? A Bolt handshake, answered or not, says so in a second.

The handshake is answered by the server's network layer whatever its queries are doing, so
it tells a dead or frozen server (refused, or accepted by the kernel and never answered)
from a busy one (answers the handshake, but a query takes long). For a `neo4j://` cluster
URI it asks the address in the URI, the one the driver asks for the routing table.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

# Magic preamble, then four versions offered: 5.4..5.0, 4.4 (and two empty slots).
_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00\x00\x04\x04" + bytes(8)
DEFAULT_BOLT_PORT = 7687


@dataclass(frozen=True)
class BoltAddress:
    host: str
    port: int
    tls: ssl.SSLContext | None

    @classmethod
    def from_uri(cls, uri: str) -> BoltAddress:
        parts = urlsplit(uri)
        tls: ssl.SSLContext | None = None
        if parts.scheme.endswith("+s"):
            tls = ssl.create_default_context()
        elif parts.scheme.endswith("+ssc"):
            tls = ssl.create_default_context()
            tls.check_hostname = False
            tls.verify_mode = ssl.CERT_NONE
        return cls(parts.hostname or "localhost", parts.port or DEFAULT_BOLT_PORT, tls)

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


async def bolt_problem(address: BoltAddress, timeout: float) -> str | None:
    """None when the server at `address` answers a Bolt handshake within `timeout` s, else
    what is wrong with it, in words an operator can act on."""
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(address.host, address.port, ssl=address.tls), timeout
        )
    except TimeoutError:
        return f"the graph at {address} did not accept a connection within {timeout:g} s"
    except ConnectionRefusedError:
        return f"the graph at {address} refuses connections: is it running?"
    except OSError as error:
        return f"the graph at {address} cannot be reached: {error.strerror or error}"
    try:
        writer.write(_HANDSHAKE)
        await asyncio.wait_for(writer.drain(), timeout)
        reply = await asyncio.wait_for(reader.readexactly(4), timeout)
    except TimeoutError:
        return (
            f"the graph at {address} accepted a connection but did not answer the Bolt "
            f"handshake within {timeout:g} s: it is frozen or overwhelmed"
        )
    except (OSError, asyncio.IncompleteReadError) as error:
        return f"the graph at {address} dropped the Bolt handshake: {error}"
    finally:
        writer.close()
    if reply == bytes(4):
        return f"the graph at {address} speaks no Bolt version this service does"
    return None

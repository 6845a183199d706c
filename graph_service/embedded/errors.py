"""The one error the embedded graph raises, so callers can report it without a traceback."""

from __future__ import annotations


class EmbeddedGraphError(Exception):
    """The embedded graph cannot start, run or stop; the message says what to change."""

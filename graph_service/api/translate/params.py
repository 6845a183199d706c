"""Parameters and variable names of one generated statement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Params:
    """Every value becomes `$pN`; every variable a fresh name, so scopes never clash."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self._count = 0

    def add(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f"${name}"

    def constant(self, name: str, make: Callable[[], Any]) -> str:
        """A named parameter sent once however often the text uses it."""
        if name not in self.values:
            self.values[name] = make()
        return f"${name}"

    def var(self, stem: str) -> str:
        self._count += 1
        return f"{stem}{self._count}"

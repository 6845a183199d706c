"""Normalised search terms: case- and accent-insensitive, punctuation-blind.

"Kemenpan-RB", "KemenPANRB" and "kemenpan rb" all normalise to terms that meet, because
each name yields its spaced form and its compact form (spaces removed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def query_forms(text: str) -> list[str]:
    """The forms of a search query that a stored term may equal or start with."""
    spaced = normalise(text)
    compact = spaced.replace(" ", "")
    return [spaced] if spaced == compact else [spaced, compact]


def search_terms(names: Iterable[str]) -> list[str]:
    """The stored terms for an entity's name and aliases, each spaced and compact."""
    terms: list[str] = []
    for name in names:
        for form in query_forms(name):
            if form and form not in terms:
                terms.append(form)
    return terms

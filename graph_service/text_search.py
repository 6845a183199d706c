"""Normalised search terms: case- and accent-insensitive, punctuation-blind.

"Kemenpan-RB", "KemenPANRB" and "kemenpan rb" all normalise to terms that meet, because
each name yields its spaced form and its compact form (spaces removed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    if text.isascii():  # nothing to decompose (most names; an import normalises millions)
        return _NON_WORD.sub(" ", text.lower()).strip()
    return _normalise_unicode(text)


def _normalise_unicode(text: str) -> str:
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


def indexed_terms(name: str, aliases: Iterable[str]) -> list[dict[str, Any]]:
    """The `SearchTerm` entries of one entity: for the name and each alias, the compact
    form of every word suffix ("pemerintah kota cimahi" gives "pemerintahkotacimahi",
    "kotacimahi", "cimahi"), each once, the most telling first.

    One index range scan for the compact query then finds what the stored list of terms
    answered: a whole term equal to it (the name's own spaced form, kept as `name_form`,
    ranks it first), a whole term starting with it, and a word inside a name starting with
    it (a substring that starts a word).
    """
    entries: dict[str, dict[str, Any]] = {}
    for position, text in enumerate([name, *aliases]):
        words = normalise(text).split()
        for start in range(len(words)):
            term = "".join(words[start:])
            if term in entries and (entries[term]["whole"] or start > 0):
                continue
            entry: dict[str, Any] = {"term": term, "whole": start == 0}
            if position == 0 and start == 0:
                entry["name_form"] = " ".join(words)
            entries[term] = entry
    return list(entries.values())

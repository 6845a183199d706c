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
    "kotacimahi", "cimahi"), each once, the most telling first, with the name or alias it
    comes from as written (`text`) and, from four letters on, its `near_keys`.

    One index range scan for the compact query then finds what the stored list of terms
    answered: a whole term equal to it (the name's own spaced form, kept as `name_form`,
    ranks it first), a whole term starting with it, and a word inside a name starting with
    it (a substring that starts a word). Seeks on the near keys find the terms one edit
    away.
    """
    entries: dict[str, dict[str, Any]] = {}
    for position, text in enumerate([name, *aliases]):
        words = normalise(text).split()
        for start in range(len(words)):
            term = "".join(words[start:])
            if term in entries and (entries[term]["whole"] or start > 0):
                continue
            entry: dict[str, Any] = {"term": term, "whole": start == 0, "text": text}
            if position == 0 and start == 0:
                entry["name_form"] = " ".join(words)
            entry.update(near_keys(term) or {})
            entries[term] = entry
    return list(entries.values())


# Near matches: one edit (a letter inserted, deleted, replaced, or two neighbours swapped)
# away from a stored term of at least this many letters.
MIN_NEAR_LENGTH = 4

# The stored keys of a term: its length with two of its three parts (thirds, with one
# letter left out between them), named by the parts they keep.
NEAR_KEYS = ("near_12", "near_13", "near_23")


def _cuts(length: int) -> tuple[int, int]:
    """The two letters left out between the thirds of a term of `length` letters."""
    first = length // 3
    return first, max(2 * length // 3, first + 1)


def near_keys(term: str) -> dict[str, str] | None:
    """The index keys of a compact term that near matches seek: its length with its first
    and second parts, with its first and third, and with its second and third.

    One edit changes at most one of the three parts (a swap of two neighbours touches a
    letter left out and one part at most), so a term one edit from a query shares one of
    these pairs with it; `near_probes` lists where the query would hold them.
    """
    length = len(term)
    if length < MIN_NEAR_LENGTH:
        return None
    first, second = _cuts(length)
    one, two, three = term[:first], term[first + 1 : second], term[second + 1 :]
    return {
        "near_12": f"{length}:{one}|{two}",
        "near_13": f"{length}:{one}|{three}",
        "near_23": f"{length}:{two}|{three}",
    }


def near_probes(query: str) -> dict[str, list[str]] | None:
    """For each near key, the values a stored term one edit from the compact `query` may
    have: the term is one letter shorter, as long or one longer; the parts before the edit
    stay where they were, and those after it move with the length."""
    if len(query) < MIN_NEAR_LENGTH:
        return None
    size = len(query)
    probes: dict[str, list[str]] = {key: [] for key in NEAR_KEYS}
    for length in (size - 1, size, size + 1):
        if length < MIN_NEAR_LENGTH:
            continue
        first, second = _cuts(length)
        shift = size - length
        last = length - second - 1
        one, three = query[:first], query[size - last :] if last else ""
        moved = query[first + 1 + shift : second + shift]  # the second part, after an edit
        probes["near_12"].append(f"{length}:{one}|{query[first + 1 : second]}")
        probes["near_13"].append(f"{length}:{one}|{three}")
        probes["near_23"].append(f"{length}:{moved}|{three}")
    return probes

"""Why a search result matched and ranks where it does, in words.

Results rank by how they match (the name, an alias, a prefix, a word inside a name, then
near matches); when the same words are one entity's name and another's alias (the region
"Kota Cimahi" and the city government that has it as an alias), each result says which is
which and why one comes first.
"""

from __future__ import annotations

from graph_service.api.resolvers.search_matches import Match, MatchKind
from graph_service.ontology import KIND_NOUNS, kind_noun
from graph_service.text_search import query_forms

RULE = "results rank by how they match: the name, an alias, a prefix, a word inside, a near match"


def _kind(match: Match) -> str:
    return kind_noun(match.kind) if match.kind in KIND_NOUNS else match.kind


def _field(match: Match) -> str:
    return f"alias “{match.text}”" if match.by_alias else f"name “{match.text}”"


def _how(match: Match) -> str:
    """How one result matched, as a sentence."""
    kind = _kind(match)
    if match.match is MatchKind.EXACT_NAME:
        return f"The query is the name of this {kind}, “{match.text}”."
    if match.match is MatchKind.EXACT_ALIAS:
        return f"The query is “{match.text}”, an alias of this {kind} named “{match.name}”."
    if match.match is MatchKind.PREFIX:
        return f"The {_field(match)} of this {kind} starts with the query."
    if match.match is MatchKind.CONTAINS:
        return f"A word inside the {_field(match)} of this {kind} starts with the query."
    where = "a word inside the" if match.inside else "the"
    return (
        f"Near match, ranked after the exact ones: the query is one letter off {where} "
        f"{_field(match)} of this {kind}."
    )


def _as(match: Match) -> str:
    return "an alias" if match.by_alias else "the name"


def reasons(page: list[Match]) -> dict[str, str]:
    """Each result's reason, by key; results matched by the same words say how they rank
    against each other (only on the same page)."""
    by_words: dict[str, list[Match]] = {}
    for match in page:
        if not match.inside:
            by_words.setdefault(query_forms(match.text)[-1], []).append(match)
    found: dict[str, str] = {}
    for match in page:
        sentences = [_how(match)]
        same = [] if match.inside else by_words[query_forms(match.text)[-1]]
        for other in same:
            if other.id == match.id or other.kind == match.kind:
                continue
            sentences.append(_ranked(match, other))
        found[match.id] = " ".join(sentences)
    return found


def _ranked(match: Match, other: Match) -> str:
    them = f"the {_kind(other)} “{other.name}”, for which “{other.text}” is {_as(other)}"
    if other.match.value > match.match.value:
        return f"It comes before {them}: {RULE}."
    if other.match.value < match.match.value:
        return f"It comes after {them}: {RULE}."
    return f"It ties with {them}, and equal matches go by name."

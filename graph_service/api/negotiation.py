"""Which response media type a request's `Accept` header asks for (GraphQL over HTTP).

A client that names `application/graphql-response+json` gets it (it wins ties with
`application/json`); one that names only `application/json` gets that. A missing `Accept`,
or one that names neither but allows them through a wildcard (`*/*`, `application/*`), gets
`application/json`: such a client is a legacy one, and the spec (and the graphql-http audit)
want it served what it understands. A header allowing neither gets None (406).
"""

from __future__ import annotations

from functools import lru_cache

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
SUPPORTED = (GRAPHQL_RESPONSE_JSON, JSON)  # the order breaks ties


@lru_cache(maxsize=256)  # clients send a handful of distinct headers; others only evict
def negotiate(accept: str | None) -> str | None:
    if accept is None or not accept.strip():
        return JSON
    ranges = _parse(accept)
    named = any(media_range == GRAPHQL_RESPONSE_JSON for media_range, _ in ranges)
    best, best_quality = None, 0.0
    for media_type in SUPPORTED if named else reversed(SUPPORTED):
        quality = _quality(media_type, ranges)
        if quality > best_quality:
            best, best_quality = media_type, quality
    return best


def _parse(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for item in accept.split(","):
        media_range, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        if media_range:
            ranges.append((media_range.lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The quality of the most specific range matching `media_type` (0 when none does)."""
    kind = media_type.split("/")[0]
    by_specificity = {media_type: 2, f"{kind}/*": 1, "*/*": 0}
    matches = [(by_specificity[r], q) for r, q in ranges if r in by_specificity]
    return max(matches)[1] if matches else 0.0

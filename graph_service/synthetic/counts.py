"""How many entities of each kind a synthetic graph of N entities holds.

The shares follow the real domain loosely: many local governments (each governing a
region), a few ministries, many officials, a handful of yearly evaluations that every
scored body reports to (the hubs), award editions with ranked categories.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_ENTITIES = 200
YEARS = tuple(range(2018, 2025))  # one evaluation round per year


@dataclass(frozen=True)
class Counts:
    sources: int
    local_governments: int  # the first `provinces` are provinces; each governs one region
    provinces: int
    ministries: int
    agencies: int
    offices: int  # office i is the communications office of local government i
    teams: int
    evaluations: int
    awards: int
    categories_per_award: int
    events: int
    policies: int
    platforms: int
    officials: int  # the rest

    @property
    def regions(self) -> int:
        return self.local_governments

    @property
    def categories(self) -> int:
        return self.awards * self.categories_per_award

    @property
    def scored(self) -> int:
        """Bodies that receive index scores and awards: local governments, ministries,
        agencies (in that order of a combined index)."""
        return self.local_governments + self.ministries + self.agencies

    @property
    def total(self) -> int:
        return (
            self.sources
            + self.local_governments
            + self.regions
            + self.ministries
            + self.agencies
            + self.offices
            + self.teams
            + self.evaluations
            + self.awards
            + self.categories
            + self.events
            + self.policies
            + self.platforms
            + self.officials
        )


def plan_counts(entities: int) -> Counts:
    """The kinds' counts, summing to exactly `entities` (officials take the remainder)."""
    if entities < MIN_ENTITIES:
        raise ValueError(f"a synthetic graph needs at least {MIN_ENTITIES} entities")

    def share(fraction: float, least: int) -> int:
        return max(least, round(entities * fraction))

    local_governments = share(0.15, 10)
    awards = share(0.002, len(YEARS))
    partial = Counts(
        sources=share(0.02, 2),
        local_governments=local_governments,
        provinces=max(2, local_governments // 14),
        ministries=share(0.003, 3),
        agencies=share(0.015, 3),
        offices=min(local_governments, share(0.05, 2)),
        teams=share(0.001, 1),
        evaluations=len(YEARS),
        awards=awards,
        categories_per_award=8,
        events=share(0.04, 3),
        policies=share(0.04, 3),
        platforms=share(0.005, 1),
        officials=0,
    )
    officials = entities - partial.total
    return Counts(**{**partial.__dict__, "officials": officials})

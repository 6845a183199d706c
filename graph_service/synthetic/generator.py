"""The synthetic graph as a stream of JSON Lines records (entities first, then relationships).

Nothing is held but counters: every id is computed from a kind and an index, so a
relationship can name any entity without a table of them, and a graph of a million
entities streams in constant memory. One `random.Random(seed)` consumed in a fixed order
makes the output deterministic.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import IO, Any

from graph_service.ontology import PREDICATE_BANDS
from graph_service.synthetic.counts import YEARS, Counts, plan_counts
from graph_service.synthetic.names import person, place, topic

Line = dict[str, Any]

RECIPIENTS_PER_CATEGORY = 15
_LEVELS = {
    "PROVINCE": ("Provinsi", "Pemprov", "Gubernur"),
    "CITY": ("Kota", "Pemkot", "Wali Kota"),
    "REGENCY": ("Kabupaten", "Pemkab", "Bupati"),
}
_CATEGORIES = (
    "Pemerintah Provinsi",
    "Pemerintah Kota",
    "Pemerintah Kabupaten",
    "Kementerian",
    "Lembaga",
    "Inovasi Layanan",
    "Peningkatan Signifikan",
    "Tata Kelola Data",
)
_EVENT_KINDS = (
    "Forum SPBE",
    "Rapat Koordinasi Digital",
    "Festival Layanan Digital",
    "Lokakarya Data",
)
_POLICY_KINDS = (
    ("PRESIDENTIAL_REGULATION", "Peraturan Presiden"),
    ("MINISTERIAL_REGULATION", "Peraturan Menteri"),
    ("MINISTERIAL_DECREE", "Keputusan Menteri"),
)
_STAFF_ROLES = ("Sekretaris", "Kepala Bidang", "Direktur", "Kepala Bagian", "Staf Ahli")


def predicate_of(value: float) -> str:
    """The predicate whose band holds `value` (the ontology's bands)."""
    for predicate, (low, high) in PREDICATE_BANDS.items():
        if low <= value < high or (high == 5.0 and value == 5.0):
            return predicate
    raise ValueError(f"index value {value} is outside every band")


class _Ids:
    """Entity ids by kind and index, shared by the entity and relationship passes."""

    def __init__(self, counts: Counts) -> None:
        self.c = counts

    def source(self, i: int) -> str:
        return f"syn-src-{i}"

    def lg(self, i: int) -> str:
        return f"syn-lg-{i}"

    def region(self, i: int) -> str:
        return f"syn-region-{i}"

    def scored(self, i: int) -> str:
        """Index over local governments, then ministries, then agencies."""
        if i < self.c.local_governments:
            return self.lg(i)
        i -= self.c.local_governments
        return (
            f"syn-ministry-{i}" if i < self.c.ministries else f"syn-agency-{i - self.c.ministries}"
        )

    def body(self, i: int) -> str:
        """Index over the scored bodies, then offices, then coordination teams."""
        if i < self.c.scored:
            return self.scored(i)
        i -= self.c.scored
        return f"syn-office-{i}" if i < self.c.offices else f"syn-team-{i - self.c.offices}"

    @property
    def bodies(self) -> int:
        return self.c.scored + self.c.offices + self.c.teams


def level_of(i: int, counts: Counts) -> str:
    if i < counts.provinces:
        return "PROVINCE"
    return "CITY" if i % 4 == 1 else "REGENCY"


def award_year(i: int) -> int:
    return YEARS[i % len(YEARS)]


class _Generator:
    def __init__(self, entities: int, seed: int) -> None:
        self.c = plan_counts(entities)
        self.ids = _Ids(self.c)
        self.rng = random.Random(seed)
        self._cited = 0

    def _sources(self) -> list[str]:
        self._cited += 1
        return [self.ids.source(self._cited % self.c.sources)]

    def entity(
        self, id_: str, kind: str, name: str, aliases: tuple[str, ...] = (), **props: Any
    ) -> Line:
        return {
            "record": "entity",
            "id": id_,
            "kind": kind,
            "name": name,
            "aliases": list(aliases),
            "properties": props,
            "sources": self._sources(),
        }

    def rel(
        self, type_: str, from_id: str, to_id: str, key: str | None = None, **props: Any
    ) -> Line:
        line = {
            "record": "relationship",
            "type": type_,
            "from": from_id,
            "to": to_id,
            "properties": props,
            "sources": self._sources(),
        }
        if key is not None:
            line["key"] = key
        return line

    def date(self, year: int) -> str:
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def lines(self) -> Iterator[Line]:
        yield from self.entities()
        yield from self.relationships()

    def entities(self) -> Iterator[Line]:
        c, ids = self.c, self.ids
        for i in range(c.sources):
            yield {
                "record": "entity",
                "id": ids.source(i),
                "kind": "Source",
                "name": f"Berita SPBE Sintetis {i + 1}",
                "properties": {
                    "url": f"https://example.org/spbe/{i + 1}",
                    "publisher": f"Portal {place(i)}",
                    "published": self.date(YEARS[i % len(YEARS)]),
                },
            }
        for i in range(c.local_governments):
            level = level_of(i, c)
            word, short, _ = _LEVELS[level]
            region = f"{word} {place(i)}"
            yield self.entity(ids.region(i), "Region", region, level=level)
            yield self.entity(
                ids.lg(i),
                "LocalGovernment",
                f"Pemerintah {region}",
                (f"{short} {place(i)}",),
                level=level,
            )
        for i in range(c.ministries):
            yield self.entity(f"syn-ministry-{i}", "Ministry", f"Kementerian {topic(i)}")
        for i in range(c.agencies):
            yield self.entity(
                f"syn-agency-{i}", "Agency", f"Badan {topic(i)} Nasional", agency_type="LPNK"
            )
        for i in range(c.offices):
            yield self.entity(
                f"syn-office-{i}",
                "Office",
                f"Dinas Komunikasi dan Informatika {place(i)}",
                (f"Diskominfo {place(i)}",),
            )
        for i in range(c.teams):
            yield self.entity(
                f"syn-team-{i}",
                "CoordinationTeam",
                f"Tim Koordinasi SPBE {topic(i)}",
                function="Koordinasi SPBE",
            )
        for year in YEARS:
            yield self.entity(
                f"syn-eval-{year}",
                "Evaluation",
                f"Evaluasi SPBE Daerah dan Instansi {year}",
                year=year,
                institutions_evaluated=c.scored,
            )
        for i in range(c.awards):
            year = award_year(i)
            name = f"Anugerah SPBE {topic(i // len(YEARS))} {year}"
            yield self.entity(
                f"syn-award-{i}",
                "Award",
                name,
                year=year,
                recipients_count=RECIPIENTS_PER_CATEGORY * c.categories_per_award,
            )
            for k in range(c.categories_per_award):
                yield self.entity(
                    f"syn-award-{i}-cat-{k}",
                    "AwardCategory",
                    f"{name} Kategori {_CATEGORIES[k % len(_CATEGORIES)]}",
                )
        for i in range(c.events):
            year = YEARS[i % len(YEARS)]
            kind = _EVENT_KINDS[i % len(_EVENT_KINDS)]
            yield self.entity(
                f"syn-event-{i}",
                "Event",
                f"{kind} {place(i)} {year}",
                date=self.date(year),
                venue=place(i),
                topic=topic(i),
            )
        for i in range(c.policies):
            year = YEARS[i % len(YEARS)]
            policy_type, word = _POLICY_KINDS[i % len(_POLICY_KINDS)]
            yield self.entity(
                f"syn-policy-{i}",
                "Policy",
                f"{word} Nomor {i + 1} Tahun {year} tentang {topic(i)}",
                policy_type=policy_type,
                number=str(i + 1),
                year=year,
                date=self.date(year),
                subject=topic(i),
            )
        for i in range(c.platforms):
            yield self.entity(
                f"syn-platform-{i}",
                "Platform",
                f"Platform {topic(i)} Terpadu",
                launched=self.date(YEARS[i % len(YEARS)]),
            )
        for i in range(c.officials):
            yield self.entity(f"syn-official-{i}", "Official", person(i))

    def relationships(self) -> Iterator[Line]:
        yield from self._places()
        yield from self._positions()
        yield from self._scores()
        yield from self._awards()
        yield from self._events_and_policies()

    def _places(self) -> Iterator[Line]:
        c, ids = self.c, self.ids
        for i in range(c.local_governments):
            yield self.rel("GOVERNS", ids.lg(i), ids.region(i))
            if i >= c.provinces:
                yield self.rel("PART_OF", ids.region(i), ids.region(i % c.provinces))
        for i in range(c.offices):
            yield self.rel("PART_OF", f"syn-office-{i}", ids.lg(i))
        for i in range(c.ministries + c.agencies):
            yield self.rel(
                "MEMBER_OF",
                ids.scored(c.local_governments + i),
                f"syn-team-{i % c.teams}",
                valid_from="2019-01-01",
            )

    def _positions(self) -> Iterator[Line]:
        c, ids, rng = self.c, self.ids, self.rng
        for i in range(c.officials):
            official = f"syn-official-{i}"
            if i < c.local_governments:
                role = _LEVELS[level_of(i, c)][2]
                yield self.rel(
                    "HOLDS_POSITION",
                    official,
                    ids.lg(i),
                    role=role,
                    head=True,
                    valid_from=self.date(2019 + i % 4),
                )
            elif i < c.local_governments + c.ministries:
                yield self.rel(
                    "HOLDS_POSITION",
                    official,
                    ids.scored(i),
                    role="Menteri",
                    head=True,
                    valid_from=self.date(2019 + i % 4),
                )
            else:
                yield self.rel(
                    "HOLDS_POSITION",
                    official,
                    ids.body(rng.randrange(ids.bodies)),
                    role=rng.choice(_STAFF_ROLES),
                    head=False,
                    valid_from=self.date(2020 + i % 4),
                )
            if rng.random() < 0.25:
                yield self.rel(
                    "HOLDS_POSITION",
                    official,
                    ids.body(rng.randrange(ids.bodies)),
                    key="earlier",
                    role=rng.choice(_STAFF_ROLES),
                    head=False,
                    valid_from=self.date(2014),
                    valid_to=self.date(2018),
                )

    def _scores(self) -> Iterator[Line]:
        """Each scored body in 2-4 yearly rounds: every round is a hub of thousands."""
        rng = self.rng
        for i in range(self.c.scored):
            base = rng.uniform(1.2, 4.2)
            for year in sorted(rng.sample(YEARS, rng.randint(2, 4))):
                raw = base + 0.12 * (year - YEARS[0]) + rng.uniform(-0.2, 0.2)
                value = round(min(4.99, max(1.0, raw)), 2)
                yield self.rel(
                    "HAS_SPBE_INDEX",
                    self.ids.scored(i),
                    f"syn-eval-{year}",
                    value=value,
                    predicate=predicate_of(value),
                    year=year,
                )

    def _awards(self) -> Iterator[Line]:
        c, rng = self.c, self.rng
        recipients = min(RECIPIENTS_PER_CATEGORY, c.scored)
        for i in range(c.awards):
            award, year = f"syn-award-{i}", award_year(i)
            basis = year - 1 if year - 1 in YEARS else year
            yield self.rel("PRESENTED_AT", award, f"syn-event-{rng.randrange(c.events)}")
            yield self.rel("AWARDED_BY", award, "syn-ministry-0")
            yield self.rel("BASED_ON", award, f"syn-eval-{basis}")
            for k in range(c.categories_per_award):
                category = f"{award}-cat-{k}"
                yield self.rel("HAS_CATEGORY", award, category)
                for rank, body in enumerate(rng.sample(range(c.scored), recipients), start=1):
                    yield self.rel(
                        "RECEIVED_AWARD", self.ids.scored(body), category, rank=rank, year=year
                    )

    def _events_and_policies(self) -> Iterator[Line]:
        c, ids, rng = self.c, self.ids, self.rng
        for year in YEARS:
            evaluation = f"syn-eval-{year}"
            yield self.rel("CONDUCTED_BY", evaluation, "syn-ministry-0")
            yield self.rel("FINALIZED_BY", evaluation, "syn-team-0")
            yield self.rel("BASED_ON", evaluation, "syn-policy-0")
        for i in range(c.events):
            event = f"syn-event-{i}"
            yield self.rel("ORGANIZED_BY", event, ids.scored(rng.randrange(c.scored)))
            yield self.rel("OPENED_BY", event, f"syn-official-{rng.randrange(c.officials)}")
            for who in rng.sample(range(c.officials), min(2, c.officials)):
                yield self.rel("ATTENDED", f"syn-official-{who}", event)
            if rng.random() < 0.5:
                yield self.rel("DISCUSSED", event, f"syn-policy-{rng.randrange(c.policies)}")
            if i < len(YEARS):
                yield self.rel("PRESENTED_RESULTS_OF", event, f"syn-eval-{YEARS[i]}")
        for i in range(c.policies):
            policy = f"syn-policy-{i}"
            yield self.rel("ISSUED_BY", policy, f"syn-ministry-{rng.randrange(c.ministries)}")
            if rng.random() < 0.5:
                yield self.rel("REGULATES", policy, ids.scored(rng.randrange(c.scored)))
            if i > 0 and rng.random() < 0.5:
                yield self.rel("IMPLEMENTS", policy, f"syn-policy-{rng.randrange(i)}")
        for i in range(c.platforms):
            yield self.rel("LAUNCHED", f"syn-event-{rng.randrange(c.events)}", f"syn-platform-{i}")


def generate_lines(entities: int, seed: int = 1) -> Iterator[Line]:
    """Every record of the synthetic graph of `entities` entities, in a fixed order."""
    return _Generator(entities, seed).lines()


def write_json_lines(entities: int, out: IO[str], seed: int = 1) -> tuple[int, int]:
    """Write the graph to `out`; the numbers of entities and relationships written."""
    counts = [0, 0]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for line in generate_lines(entities, seed):
        counts[line["record"] == "relationship"] += 1
        out.write(encode(line) + "\n")
    return counts[0], counts[1]

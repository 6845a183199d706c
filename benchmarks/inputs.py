"""The variables (service) and parameters (raw driver) of each request, found in the graph
once before timing: ids that exist, a cursor deep in a long list, fresh keys to create."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from benchmarks.service_client import ServiceClient, ServiceError
from benchmarks.workloads import compact

Pair = tuple[dict[str, Any], dict[str, Any]]  # (GraphQL variables, Cypher parameters)
SEARCH_QUERY = "cimahi"
# Searches the index answers, each with the same hits at every size of the synthetic graph:
# the seven yearly evaluations ("Evaluasi SPBE Daerah dan Instansi 2018" ... 2024).
INDEXED_SEARCHES = {
    "search_exact": "Evaluasi SPBE Daerah dan Instansi 2023",  # its name: 1 hit
    "search_prefix": "evaluasi spbe",  # the start of 7 names
    "search_inside": "daerah dan instansi",  # words inside 7 names
}
DEEP_PAGE_DEPTH = 2_000  # items before the deep page (or half the list when shorter)
BENCH_ID_PREFIX = "bench-"


@dataclass
class Inputs:
    """For each workload key, a function from the request's number to its inputs."""

    by_key: dict[str, Callable[[int], Pair]] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)  # workload key -> why

    def __call__(self, key: str, number: int) -> Pair:
        return self.by_key[key](number)


async def _ids(driver: AsyncDriver, database: str | None, cypher: str) -> list[str]:
    records, _, _ = await driver.execute_query(cypher, database_=database)
    return [record["id"] for record in records]


async def _deep_cursor(service: ServiceClient, officials: int) -> tuple[str, str, str]:
    """The cursor after item DEEP_PAGE_DEPTH of `officials` (walked through the public API,
    as a client would), with the last item's name and id for the raw keyset."""
    depth = max(100, min(DEEP_PAGE_DEPTH, officials // 2) // 100 * 100)
    after: str | None = None
    last: dict[str, Any] = {}
    for _ in range(depth // 100):
        data = await service.data(
            """query Walk($after: String) { officials(first: 100, after: $after) {
              pageInfo { endCursor } edges { node { id name } } } }""",
            {"after": after},
        )
        after = data["officials"]["pageInfo"]["endCursor"]
        last = data["officials"]["edges"][-1]["node"]
    assert after is not None
    return after, last["name"], last["id"]


def _indexed_search(text: str) -> Callable[[int], Pair]:
    """The query for the service; its compact and spaced forms for the raw side."""
    spaced = " ".join(text.lower().split())
    pair = {"q": text}, {"term": compact(text), "spaced": spaced}
    return lambda i: pair


async def find_inputs(
    driver: AsyncDriver, database: str | None, service: ServiceClient, run: str
) -> Inputs:
    awarded = await _ids(
        driver,
        database,
        """MATCH (n:LocalGovernment)-[:RECEIVED_AWARD]->(:Entity)
        WITH DISTINCT n RETURN n.id AS id ORDER BY id LIMIT 200""",
    )
    regions = await _ids(
        driver,
        database,
        """MATCH (r:Region)<-[:GOVERNS]-(g:LocalGovernment) WHERE g.level <> 'PROVINCE'
        RETURN r.id AS id ORDER BY id LIMIT 50""",
    )
    officials = await _ids(
        driver, database, "MATCH (n:Official) RETURN n.id AS id ORDER BY id LIMIT 50"
    )
    records, _, _ = await driver.execute_query(
        "MATCH (n:Official) RETURN count(n) AS n", database_=database
    )
    unavailable: dict[str, str] = {}
    try:
        cursor, last_name, last_id = await _deep_cursor(service, records[0]["n"])
    except ServiceError as error:
        cursor, last_name, last_id = "", "", ""
        unavailable["deep_page"] = f"walking to the deep page failed: {error}"
    counter = itertools.count()

    def same(values: dict[str, Any]) -> Pair:
        return values, values

    def create(number: int) -> Pair:
        n = next(counter)

        def entity(side: str) -> dict[str, Any]:
            return {
                "id": f"{BENCH_ID_PREFIX}{run}-{side}-{n}",
                "name": f"Platform Uji Beban {run} {n} {side}",
                "sources": ["syn-src-0"],
            }

        return {"input": entity("s")}, {"input": entity("r")}

    return Inputs(
        {
            "point_lookup": lambda i: same({"id": awarded[i % len(awarded)]}),
            "nested_list": lambda i: same({}),
            "filter": lambda i: same({}),
            "search": lambda i: same({"q": SEARCH_QUERY}),
            **{key: _indexed_search(text) for key, text in INDEXED_SEARCHES.items()},
            "neighbourhood": lambda i: same({"id": regions[i % len(regions)]}),
            "shortest_path": lambda i: same(
                {"from": officials[i % len(officials)], "to": regions[(i * 7) % len(regions)]}
            ),
            "first_page": lambda i: same({}),
            "deep_page": lambda i: (
                {"after": cursor},
                {"name": last_name, "last": last_id},
            ),
            "create": create,
            "create_same_work": create,
        },
        unavailable,
    )

"""The benchmark's workloads: each a GraphQL request through the public API and the
hand-written Cypher that returns the same data through the raw async driver.

Both sides reduce their answer to the same plain form (`canonical`), so the harness can
check they agree before it times them. The raw side pages and orders as the API documents
(kind lists by name, awards by rank, latest year, name; the key breaks ties); within a
page, nested lists are compared sorted. Nothing here knows how the service translates a
request.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graph_service.api.mutations.citation_locks import one_lock_each
from graph_service.loading.lookups import citation_entries, search_term_entries
from graph_service.loading.records import EntityRecord
from graph_service.loading.rows import entity_row
from graph_service.loading.writer import whole_terms
from graph_service.ontology import ENTITY_KINDS
from graph_service.queries import render

Answer = Any
Params = dict[str, Any]
RawQuery = Callable[[AsyncManagedTransaction, Params], Awaitable[Answer]]


@dataclass(frozen=True)
class Workload:
    """`document` is sent with variables, `raw` runs with parameters (both from the
    harness's `Inputs`, keyed by `key`); `canonical_service` reduces the service's `data`
    to what `raw` returns."""

    key: str
    name: str
    concurrency: int
    document: str
    raw: RawQuery
    canonical_service: Callable[[dict[str, Any], Params], Answer]
    write: bool = False
    # For a write: what it left in the graph for the input `params`, in a form both sides
    # share, read after each checked request (None: only the answers are compared).
    state: RawQuery | None = None


async def _rows(tx: AsyncManagedTransaction, cypher: str, params: Params) -> list[dict[str, Any]]:
    result = await tx.run(cypher, params)
    return [record.data() async for record in result]


def _edges(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge for edge in connection["edges"]]


# -- point lookup: a local government's name and the awards it received ------------------

POINT_LOOKUP = """query PointLookup($id: ID!) {
  node(id: $id) {
    ... on LocalGovernment {
      name
      awardsReceived(first: 20) { edges { rank year node { name } } }
    }
  }
}"""


async def _point_lookup_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        """MATCH (n:Entity {id: $id})
        CALL (n) {
          MATCH (n)-[r:RECEIVED_AWARD]->(c:Entity)
          WITH r, c ORDER BY r.rank, r.year DESC, c.name, r.id LIMIT 20
          RETURN collect([r.rank, r.year, c.name]) AS awards
        }
        RETURN n.name AS name, awards""",
        p,
    )
    row = rows[0]
    return {"name": row["name"], "awards": sorted(tuple(a) for a in row["awards"])}


def _point_lookup_service(data: dict[str, Any], p: Params) -> Answer:
    node = data["node"]
    awards = [(e["rank"], e["year"], e["node"]["name"]) for e in _edges(node["awardsReceived"])]
    return {"name": node["name"], "awards": sorted(awards)}


# -- 100 local governments (by name), their awards, each category's award ------------

NESTED_LIST = """query NestedList {
  localGovernments(first: 100) {
    edges { node { id name
      awardsReceived(first: 10) { edges { rank year node { name
        ... on AwardCategory { award(first: 1) { edges { node { name } } } } } } }
    } }
  }
}"""


async def _nested_list_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        # The page first (`MATCH ... RETURN ... ORDER BY ... LIMIT`, read from the (name,
        # id) index in order), each row's awards as a `COLLECT {}` in the RETURN: a `CALL`
        # subquery or a `WITH` would make ArcadeDB sort the whole kind.
        """MATCH (n:LocalGovernment) WHERE n.name >= ''
        RETURN n.id AS id, n.name AS name, COLLECT {
          MATCH (n)-[r:RECEIVED_AWARD]->(c:Entity)
          WITH r, c ORDER BY r.rank, r.year DESC, c.name, r.id LIMIT 10
          RETURN [r.rank, r.year, c.name, [(c)<-[:HAS_CATEGORY]-(a:Award) | a.name][..1]]
        } AS awards ORDER BY n.name, n.id LIMIT 100""",
        p,
    )
    return [
        (row["id"], row["name"], sorted((a[0], a[1], a[2], tuple(a[3])) for a in row["awards"]))
        for row in rows
    ]


def _nested_list_service(data: dict[str, Any], p: Params) -> Answer:
    out = []
    for edge in _edges(data["localGovernments"]):
        node = edge["node"]
        awards = []
        for award in _edges(node["awardsReceived"]):
            category = award["node"]
            editions = [e["node"]["name"] for e in _edges(category.get("award") or {"edges": []})]
            awards.append((award["rank"], award["year"], category["name"], tuple(editions)))
        out.append((node["id"], node["name"], sorted(awards)))
    return out


# -- local governments with a 2023 index above 4.0, first 20 (by name) -----------------

FILTER = """query Filter {
  localGovernments(
    first: 20
    filter: { indexScores: { some: { year: { equals: 2023 }, value: { gt: 4.0 } } } }
  ) { edges { node { id name } } }
}"""


async def _filter_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        # `n.name >= ''` holds for every name; it lets ArcadeDB read the (name, id) index
        # in order and stop at the 20th match instead of sorting every match.
        """MATCH (n:LocalGovernment)
        WHERE n.name >= '' AND EXISTS {
          MATCH (n)-[r:HAS_SPBE_INDEX]->(:Entity) WHERE r.year = 2023 AND r.value > 4.0
        }
        RETURN n.id AS id, n.name AS name ORDER BY n.name, n.id LIMIT 20""",
        p,
    )
    return [(row["id"], row["name"]) for row in rows]


def _filter_service(data: dict[str, Any], p: Params) -> Answer:
    return [(e["node"]["id"], e["node"]["name"]) for e in _edges(data["localGovernments"])]


# -- search "cimahi": exact name, exact alias, prefix, substring; then by name ----------

SEARCH = """query Search($q: String!) {
  search(query: $q, first: 20) { edges { node { id name } } }
}"""


async def _search_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    # The synthetic names are plain ASCII, so lower-casing folds them as the service does.
    rows = await _rows(
        tx,
        """MATCH (n:Entity)
        WITH n, [x IN [n.name] + coalesce(n.aliases, []) | toLower(x)] AS names
        WITH n, CASE
            WHEN names[0] = $q THEN 0
            WHEN $q IN names THEN 1
            WHEN any(x IN names WHERE x STARTS WITH $q) THEN 2
            WHEN any(x IN names WHERE x CONTAINS $q) THEN 3
          END AS rank
        WHERE rank IS NOT NULL
        RETURN n.id AS id, n.name AS name ORDER BY rank, n.name, n.id LIMIT 20""",
        p,
    )
    return [(row["id"], row["name"]) for row in rows]


def _search_service(data: dict[str, Any], p: Params) -> Answer:
    return [(e["node"]["id"], e["node"]["name"]) for e in _edges(data["search"])]


# -- search through the index: an exact name, a prefix, a word inside a name -------------
# The service answers these from its `SearchTerm` nodes (one per compact word suffix of a
# name or alias, see the README); a hand-writer who has that index seeks it too: one range
# scan on the compact query, the best rank per entity, the page by rank, name and key.
# It leaves out near matches (typos): there are none for these queries at any size.


def compact(text: str) -> str:
    """The query as the stored terms are written (the synthetic names are plain ASCII)."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


async def _indexed_search_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        """MATCH (t:SearchTerm)
        WHERE t.term STARTS WITH $term
        WITH t.entity AS id, t.name AS name, min(CASE
            WHEN NOT t.whole THEN 3
            WHEN t.term <> $term THEN 2
            WHEN t.name_form = $spaced THEN 0
            ELSE 1
          END) AS rank
        RETURN id, name ORDER BY rank, name, id LIMIT 20""",
        p,
    )
    return [(row["id"], row["name"]) for row in rows]


# -- neighbourhood of depth 2 (a region: small enough not to be truncated) --------------

NEIGHBOURHOOD = """query Neighbourhood($id: ID!) {
  neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id } edges { type from to } }
}"""


async def _neighbourhood_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        """MATCH (a:Entity {id: $id})
        OPTIONAL MATCH path = (a)-[*1..2]-(:Entity)
        UNWIND relationships(path) AS r
        WITH a, collect(DISTINCT r) AS rels
        RETURN a.id AS start,
               [r IN rels | [type(r), startNode(r).id, endNode(r).id]] AS edges""",
        p,
    )
    edges = sorted(tuple(e) for e in rows[0]["edges"])
    nodes = sorted({rows[0]["start"]} | {e[1] for e in edges} | {e[2] for e in edges})
    return {"truncated": False, "nodes": nodes, "edges": edges}


def _neighbourhood_service(data: dict[str, Any], p: Params) -> Answer:
    sub = data["neighborhood"]
    return {
        "truncated": sub["truncated"],
        "nodes": sorted(n["id"] for n in sub["nodes"]),
        "edges": sorted((e["type"], e["from"], e["to"]) for e in sub["edges"]),
    }


# -- shortest path between an official and a region (its length: paths may tie) ---------

SHORTEST_PATH = """query ShortestPath($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to, maxHops: 6) { length nodes { id } }
}"""


async def _shortest_path_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        """MATCH (a:Entity {id: $from})
        MATCH (b:Entity {id: $to})
        MATCH path = shortestPath((a)-[*..6]-(b))
        RETURN length(path) AS length""",
        p,
    )
    return rows[0]["length"] if rows else None


def _shortest_path_service(data: dict[str, Any], p: Params) -> Answer:
    path = data["shortestPath"]
    return None if path is None else path["length"]


# -- a page deep in the longest list (officials by name), after a cursor ----------------

DEEP_PAGE = """query DeepPage($after: String!) {
  officials(first: 20, after: $after) { edges { node { id name } } }
}"""


async def _deep_page_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    # Keyset: the last (name, id) of the page before, as a client of Cypher would page, led
    # by the range it implies so that ArcadeDB reads the (name, id) index from there on.
    rows = await _rows(
        tx,
        """MATCH (n:Official)
        WHERE n.name >= $name AND (n.name > $name OR (n.name = $name AND n.id > $last))
        RETURN n.id AS id, n.name AS name ORDER BY n.name, n.id LIMIT 20""",
        p,
    )
    return [(row["id"], row["name"]) for row in rows]


def _deep_page_service(data: dict[str, Any], p: Params) -> Answer:
    return [(e["node"]["id"], e["node"]["name"]) for e in _edges(data["officials"])]


# -- the first page of the longest list -------------------------------------------------

FIRST_PAGE = """query FirstPage {
  officials(first: 20) { edges { node { id name } } }
}"""


async def _first_page_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    rows = await _rows(
        tx,
        """MATCH (n:Official) WHERE n.name >= ''
        RETURN n.id AS id, n.name AS name ORDER BY n.name, n.id LIMIT 20""",
        p,
    )
    return [(row["id"], row["name"]) for row in rows]


# -- create an entity (a platform) ------------------------------------------------------

CREATE = """mutation Create($input: PlatformInput!) {
  createPlatform(input: $input) {
    __typename
    ... on CreateEntitySuccess { entity { id name } }
  }
}"""


def _without_side(name: str) -> str:
    """The created name less its last word, which says which side created it."""
    return name.rsplit(" ", 1)[0]


async def _create_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    entity = p["input"]
    props = {
        "id": entity["id"],
        "name": entity["name"],
        "aliases": [],
        "sources": entity["sources"],
        "search_terms": [entity["name"].lower()],
    }
    rows = await _rows(
        tx,
        "CREATE (n:Entity:Platform) SET n = $props RETURN n.id AS id, n.name AS name",
        {"props": props},
    )
    return {"created": True, "name": _without_side(rows[0]["name"])}


def _create_service(data: dict[str, Any], p: Params) -> Answer:
    result = data["createPlatform"]
    entity = result.get("entity") or {}
    return {
        "created": result["__typename"] == "CreateEntitySuccess",
        "name": _without_side(entity.get("name", "")),
    }


# -- the same create, the raw side doing the service's work ------------------------------
# The one-node create above is the floor: it writes none of what the service writes beside
# the entity. Here the raw side gets the same graph state as a hand-writer would: it runs
# the service's checked create statement (the id free, the sources Sources, no namesake;
# the entity, its SearchTerm and Citation nodes, its audit entry, a citation lock) with the
# parameters computed here from the stored formats (`graph_service.loading`), so the ratio
# measures the service's layers over the same graph work.

_PLATFORM = next(kind for kind in ENTITY_KINDS if kind.name == "Platform")
_CREATE_PLATFORM = render("create_entity", kind=_PLATFORM).text


def _platform_record(entity: dict[str, Any]) -> EntityRecord:
    return EntityRecord(
        id=entity["id"], kind="Platform", name=entity["name"], sources=entity["sources"]
    )


async def _create_same_work_raw(tx: AsyncManagedTransaction, p: Params) -> Answer:
    record = _platform_record(p["input"])
    props = entity_row(record)["props"]
    audit = {
        "id": uuid.uuid4().hex,
        "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "subject": "benchmark",
        "operation": "createPlatform",
        "target_ids": [record.id],
        "after": json.dumps(props, sort_keys=True, ensure_ascii=False),
    }
    rows = await _rows(
        tx,
        _CREATE_PLATFORM,
        {
            "locks": one_lock_each(record.sources),
            "id": record.id,
            "props": props,
            "sources": sorted(set(record.sources)),
            "terms": whole_terms([record]),
            "namesakes": [],
            "search_terms": search_term_entries(record),
            "citations": citation_entries(record),
            "audit": audit,
        },
    )
    return {"created": rows[0]["created"], "name": _without_side(record.name)}


async def _created_state(tx: AsyncManagedTransaction, p: Params) -> Answer:
    """The created entity's labels and property names, and what was written beside it:
    its search terms (the whole one found by search), citations and audit entries."""
    entity = p["input"]
    rows = await _rows(
        tx,
        """MATCH (n:Entity {id: $id})
        CALL (n) {
          MATCH (t:SearchTerm {entity: n.id}) RETURN count(t) AS terms
        }
        CALL (n) {
          MATCH (t:SearchTerm {term: $whole}) WHERE t.whole AND t.entity = n.id
          RETURN count(t) AS found
        }
        CALL (n) {
          MATCH (c:Citation {key: n.id}) RETURN collect(c.source) AS cited
        }
        CALL (n) {
          MATCH (a:AuditEntry) WHERE a.operation = 'createPlatform' AND n.id IN a.target_ids
          RETURN count(a) AS audited
        }
        RETURN labels(n) AS labels, keys(n) AS keys, terms, found, cited, audited""",
        {"id": entity["id"], "whole": whole_terms([_platform_record(entity)])[0]},
    )
    return [
        {
            **row,
            "labels": sorted(row["labels"]),
            "keys": sorted(row["keys"]),
            "cited": sorted(row["cited"]),
        }
        for row in rows
    ]


WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "point_lookup", "point lookup", 16, POINT_LOOKUP, _point_lookup_raw, _point_lookup_service
    ),
    Workload(
        "nested_list", "nested list (100)", 4, NESTED_LIST, _nested_list_raw, _nested_list_service
    ),
    Workload("filter", "filter (2023 index > 4.0)", 4, FILTER, _filter_raw, _filter_service),
    Workload("search", 'search "cimahi"', 4, SEARCH, _search_raw, _search_service),
    Workload("search_exact", "search: exact name", 4, SEARCH, _indexed_search_raw, _search_service),
    Workload("search_prefix", "search: prefix", 4, SEARCH, _indexed_search_raw, _search_service),
    Workload(
        "search_inside", "search: word inside", 4, SEARCH, _indexed_search_raw, _search_service
    ),
    Workload(
        "neighbourhood",
        "neighbourhood depth 2",
        4,
        NEIGHBOURHOOD,
        _neighbourhood_raw,
        _neighbourhood_service,
    ),
    Workload(
        "shortest_path",
        "shortest path",
        4,
        SHORTEST_PATH,
        _shortest_path_raw,
        _shortest_path_service,
    ),
    Workload("first_page", "first page", 4, FIRST_PAGE, _first_page_raw, _deep_page_service),
    Workload("deep_page", "deep page", 4, DEEP_PAGE, _deep_page_raw, _deep_page_service),
    Workload("create", "create mutation", 4, CREATE, _create_raw, _create_service, write=True),
    Workload(
        "create_same_work",
        "create (raw: same work)",
        4,
        CREATE,
        _create_same_work_raw,
        _create_service,
        write=True,
        state=_created_state,
    ),
)

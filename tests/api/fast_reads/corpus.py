"""Queries the fast path must answer exactly as GraphQL execution does (`FAST`), and some it
must leave to execution (`SLOW`): (name, document, variables)."""

from __future__ import annotations

from typing import Any

from benchmarks.workloads import (
    DEEP_PAGE,
    FILTER,
    NEIGHBOURHOOD,
    NESTED_LIST,
    POINT_LOOKUP,
    SHORTEST_PATH,
)

Case = tuple[str, str, dict[str, Any]]

ENTITY = "fragment E on Entity { id name aliases description note kind verified __typename }"

EXPLORE = """query($id: ID!, $depth: Int! = 2, $types: [RelationshipTypeName!],
    $direction: Direction! = BOTH, $limit: Int! = 100, $asOf: Date) {
  neighborhood(id: $id, depth: $depth, relationshipTypes: $types, direction: $direction,
               limit: $limit, asOf: $asOf) {
    __typename truncated
    nodes { __typename id ... on Entity { name kind verified }
      ... on LocalGovernment { level awardsReceived(first: 2) { totalCount
        edges { rank node { id } } } } }
    edges { __typename id type from to verified properties
      ... on ReceivedAwardRelationship { rank year categoryWording }
      ... on HoldsPositionRelationship { role head validFrom validTo } }
  }
}"""

PATH = """query($from: ID!, $to: ID!, $maxHops: Int! = 4, $types: [RelationshipTypeName!]) {
  shortestPath(from: $from, to: $to, maxHops: $maxHops, relationshipTypes: $types) {
    __typename length
    nodes { __typename id ... on Entity { name kind aliases } ... on Official { id } }
    edges { __typename id type from to verified properties
      ... on ReceivedAwardRelationship { rank year } }
  }
}"""

LIMIT_FIRST = """query($limit: Int!) {
  neighborhood(limit: $limit, id: "kementerian-panrb") { truncated edges { id } } }"""

PAGE_BY_VARIABLE = """query($n: Int, $m: Int = 2) { localGovernments(first: $n) { edges { node {
  id ... on LocalGovernment { awardsReceived(first: $m) { edges { rank } } } } } } }"""

FAST: list[Case] = [
    ("bench point lookup", POINT_LOOKUP, {"id": "pemkot-cimahi"}),
    ("bench point lookup, another key", POINT_LOOKUP, {"id": "dga-2024-cat-kota"}),
    ("bench point lookup, no such key", POINT_LOOKUP, {"id": "no-such-entity"}),
    ("bench nested list", NESTED_LIST, {}),
    (
        "a key variable used twice",
        """query($id: ID!) { node(id: $id) { id } again: nodes(ids: [$id]) { id } }""",
        {"id": "dga-2024"},
    ),
    (
        "a key variable used twice, another key",
        """query($id: ID!) { node(id: $id) { id } again: nodes(ids: [$id]) { id } }""",
        {"id": "pemkot-cimahi"},
    ),
    ("a page size by variable", PAGE_BY_VARIABLE, {"n": 2}),
    ("a page size by variable, another size", PAGE_BY_VARIABLE, {"n": 3}),
    ("a page size by variable, the nested one", PAGE_BY_VARIABLE, {"n": 3, "m": 1}),
    ("bench filter", FILTER, {}),
    ("bench deep page", DEEP_PAGE.replace("String!", "String"), {"after": None}),
    (
        "article: cimahi's awards",
        """{ node(id: "pemkot-cimahi") { id ... on Entity { name sources { id } }
          ... on LocalGovernment { level awardsReceived { edges { rank year categoryWording
            sources { id } node { id ... on AwardCategory { award { edges { node { id } } } } } }
          } } } }""",
        {},
    ),
    (
        "article: the award",
        """{ node(id: "dga-2024") { id ... on Entity { name sources { id name } }
          ... on Award { recipientsCount categories { totalCount edges { node { name } } }
            presentedAt { edges { node { id } } } awardedBy { edges { node { id } } } } } }""",
        {},
    ),
    (
        "fragments, aliases, __typename, every entity field",
        ENTITY
        + """
        query Q { __typename
          a: node(id: "pemkot-cimahi") { ...E __typename ... on Node { id } }
          b: node(id: "kementerian-panrb") { ...E ... on Ministry { kind } }
          missing: node(id: "no-such-entity") { id }
        }""",
        {},
    ),
    (
        "nodes in order, duplicates and missing ones",
        """query($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Entity { name } } }""",
        {"ids": ["pemkot-cimahi", "nope", "dga-2024", "pemkot-cimahi"]},
    ),
    (
        "pageInfo, cursors, totalCount, paging both ways",
        """{ localGovernments(first: 3) { __typename totalCount
             pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
             edges { __typename cursor node { id name level } } }
           last: localGovernments(last: 2) { pageInfo { hasNextPage hasPreviousPage startCursor }
             edges { cursor node { id } } }
           count: awards { totalCount } }""",
        {},
    ),
    (
        "nested connection: cursors, pageInfo, edge fields and sources, relationshipId",
        """{ node(id: "pemkot-cimahi") { ... on LocalGovernment {
          awardsReceived(first: 2) { totalCount pageInfo { hasNextPage endCursor startCursor }
            edges { __typename cursor relationshipId verified rank year predicate basis note
              categoryWording sources { id name verified } node { __typename id kind } } }
          empty: awardsReceived(first: 0) { totalCount pageInfo { hasNextPage } edges { rank } }
          indexScores(year: 2023) { edges { value predicate year } }
        } } }""",
        {},
    ),
    (
        "variables in @skip/@include and nested arguments",
        """query($withAwards: Boolean!, $skipName: Boolean = false, $n: Int) {
          node(id: "pemkot-cimahi") { id ... on Entity { name @skip(if: $skipName) }
            ... on LocalGovernment @include(if: $withAwards) { awardsReceived(first: $n) {
              edges { rank node { name } } } } } }""",
        {"withAwards": True, "n": 1},
    ),
    (
        "the same document, other variables",
        """query($withAwards: Boolean!, $skipName: Boolean = false, $n: Int) {
          node(id: "pemkot-cimahi") { id ... on Entity { name @skip(if: $skipName) }
            ... on LocalGovernment @include(if: $withAwards) { awardsReceived(first: $n) {
              edges { rank node { name } } } } } }""",
        {"withAwards": False, "skipName": True},
    ),
    (
        "filter, order, enums and dates",
        """{ events(first: 5, orderBy: [{field: DATE, direction: DESC}]) {
             edges { node { id name date } } }
           localGovernments(first: 4, filter: {level: {equals: CITY}}) {
             edges { node { name level } } } }""",
        {},
    ),
    (
        "asOf on a nested connection",
        """{ node(id: "pemkot-cimahi") { ... on LocalGovernment {
             officials(asOf: "2024-05-27") { edges { role head validFrom validTo node { name } } }
           } } }""",
        {},
    ),
    (
        "dates with their precision",
        """{ node(id: "pemkot-cimahi") { ... on LocalGovernment {
             officials(asOf: "2024-05-27") { edges {
               validFrom validFromPrecision validTo validToPrecision asOfPrecision node { name } } }
             all: officials { edges { asOfPrecision validFromPrecision } }
           } } }""",
        {},
    ),
    (
        "interfaces: the same alias on two kinds",
        """{ nodes(ids: ["pemkot-cimahi", "dga-2024"]) {
             ... on LocalGovernment { x: awardsReceived(first: 1) { totalCount } }
             ... on Award { x: categories(first: 2) { totalCount edges { node { id } } } } } }""",
        {},
    ),
    (
        "errors: a page too large, a bad cursor, too many ids, beside a good field",
        """{ big: localGovernments(first: 1000) { totalCount }
           bad: localGovernments(after: "nope") { totalCount }
           ok: node(id: "pemkot-cimahi") { id }
           nested: node(id: "pemkot-cimahi") { ... on LocalGovernment {
             awardsReceived(first: -1) { totalCount } } } }""",
        {},
    ),
    (
        "an entity link's stored key (a plain value)",
        """{ node(id: "dga-2024-cat-kota") { ... on AwardCategory {
             acceptedBy(first: 2) { edges { onBehalfOfId date node { id } } } } } }""",
        {},
    ),
    (
        "errors: too many ids",
        """query($ids: [ID!]!) { nodes(ids: $ids) { id } }""",
        {"ids": [f"x{i}" for i in range(101)]},
    ),
    ("bench neighbourhood", NEIGHBOURHOOD, {"id": "pemkot-cimahi"}),
    ("bench neighbourhood, a hub", NEIGHBOURHOOD, {"id": "kementerian-panrb"}),
    ("bench neighbourhood, no such key", NEIGHBOURHOOD, {"id": "no-such-entity"}),
    ("bench shortest path", SHORTEST_PATH, {"from": "pemkot-cimahi", "to": "joko-widodo"}),
    ("bench shortest path, no such key", SHORTEST_PATH, {"from": "pemkot-cimahi", "to": "nope"}),
    ("neighbourhood: entities' pages, typed edges", EXPLORE, {"id": "pemkot-cimahi"}),
    (
        "neighbourhood: depth 3, truncated",
        EXPLORE,
        {"id": "kementerian-panrb", "depth": 3, "limit": 7},
    ),
    ("neighbourhood: depth 1, in", EXPLORE, {"id": "pemkot-cimahi", "depth": 1, "direction": "IN"}),
    (
        "neighbourhood: types, out, asOf",
        EXPLORE,
        {
            "id": "pemkot-cimahi",
            "types": ["RECEIVED_AWARD", "HAS_CATEGORY", "HOLDS_POSITION"],
            "direction": "OUT",
            "asOf": "2024-05-27",
        },
    ),
    ("a kept neighbourhood, another limit", LIMIT_FIRST, {"limit": 3}),
    ("a kept neighbourhood, another limit again", LIMIT_FIRST, {"limit": 5}),
    ("shortest path: typed edges", PATH, {"from": "pemkot-cimahi", "to": "spbe-summit-2024"}),
    (
        "shortest path: only some types, too far",
        PATH,
        {"from": "pemkot-cimahi", "to": "spbe-summit-2024", "types": ["GOVERNS"]},
    ),
    (
        "shortest path: maxHops 1",
        PATH,
        {"from": "pemkot-cimahi", "to": "joko-widodo", "maxHops": 1},
    ),
    (
        "exploration beside other root fields, aliases",
        """{ a: neighborhood(id: "pemkot-cimahi", depth: 1, limit: 2) { truncated edges { id } }
           b: shortestPath(from: "joko-widodo", to: "pemkot-cimahi") { length nodes { id } }
           c: node(id: "dga-2024") { id } }""",
        {},
    ),
    (
        "errors: exploration arguments out of range, beside a good field",
        """{ deep: neighborhood(id: "pemkot-cimahi", depth: 4) { truncated }
           wide: neighborhood(id: "pemkot-cimahi", limit: 501) { truncated }
           none: neighborhood(id: "pemkot-cimahi", relationshipTypes: []) { truncated }
           far: shortestPath(from: "a", to: "b", maxHops: 7) { length }
           types: shortestPath(from: "a", to: "b", relationshipTypes: []) { length }
           ok: neighborhood(id: "pemkot-cimahi", depth: 1) { edges { id } } }""",
        {},
    ),
]

SLOW: list[Case] = [
    ("another root field", '{ search(query: "cimahi", first: 2) { totalCount } }', {}),
    ("a mixed document", '{ node(id: "pemkot-cimahi") { id } stats { entities { kind } } }', {}),
    (
        "an entity link read through the DataLoader",
        """{ node(id: "dga-2024-cat-kota") { ... on AwardCategory {
             acceptedBy(first: 2) { edges { onBehalfOf { id } } } } } }""",
        {},
    ),
    ("a validation error", '{ node(id: "pemkot-cimahi") { id name } }', {}),
    ("introspection", "{ __schema { queryType { name } } }", {}),
    ("a zero-length path", SHORTEST_PATH, {"from": "pemkot-cimahi", "to": "pemkot-cimahi"}),
    (
        "a path's entities with their relationship pages",
        """{ shortestPath(from: "pemkot-cimahi", to: "joko-widodo") { nodes {
             ... on LocalGovernment { awardsReceived { totalCount } } } } }""",
        {},
    ),
    (
        "a path's entities with their sources",
        """{ shortestPath(from: "pemkot-cimahi", to: "joko-widodo") { nodes {
             ... on Entity { sources { id } } } } }""",
        {},
    ),
    (
        "a subgraph's relationships with their sources",
        """{ neighborhood(id: "pemkot-cimahi", depth: 1) { edges { sources { id } } } }""",
        {},
    ),
    (
        "an entity link on a subgraph's relationship",
        """{ neighborhood(id: "joko-widodo", depth: 1) { edges {
             ... on AcceptedAwardRelationship { onBehalfOf { id } } } } }""",
        {},
    ),
    ("paths", '{ paths(from: "pemkot-cimahi", to: "joko-widodo") { length } }', {}),
    ("a bad variable", "query($id: ID!) { node(id: $id) { id } }", {"id": {"no": 1}}),
]

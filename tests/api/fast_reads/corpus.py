"""Queries the fast path must answer exactly as GraphQL execution does (`FAST`), and some it
must leave to execution (`SLOW`): (name, document, variables)."""

from __future__ import annotations

from typing import Any

from benchmarks.workloads import DEEP_PAGE, FILTER, NESTED_LIST, POINT_LOOKUP

Case = tuple[str, str, dict[str, Any]]

ENTITY = "fragment E on Entity { id name aliases description note kind verified __typename }"

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
    ("a bad variable", "query($id: ID!) { node(id: $id) { id } }", {"id": {"no": 1}}),
]

"""Validating a dataset against the ontology and the graph, then writing it in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from graph_service.graph.executor import Graph
from graph_service.loading.bulk import bulk_entry_of, write_natively
from graph_service.loading.bulk_rows import fits_rows_file
from graph_service.loading.lookups import lookup_statements
from graph_service.loading.records import Dataset, EntityRecord, LoadError
from graph_service.loading.rows import entity_row, relationship_row
from graph_service.loading.staging import (
    STAGE_RECORDS,
    only_creates,
    plan_stages,
    write_in_stages,
)
from graph_service.loading.validation import Namesake, StoredLink, validate
from graph_service.ontology import (
    KINDS_BY_NAME,
    RELATIONSHIP_TYPES,
    RELATIONSHIPS_BY_NAME,
    kind_of_labels,
)
from graph_service.queries import CypherQuery, query, render
from graph_service.text_search import normalise

BATCH_SIZE = 2000
CHECK_BATCH_SIZE = 20_000


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def existing_kinds(graph: Graph, ids: set[str]) -> dict[str, str]:
    """The kinds of those of `ids` that are already in the graph."""
    found: dict[str, str] = {}
    ordered = sorted(ids)
    # In slices: a million ids in one message is more than a Bolt server takes (16 MiB).
    for start in range(0, len(ordered), CHECK_BATCH_SIZE):
        batch = ordered[start : start + CHECK_BATCH_SIZE]
        rows = await graph.read(query("get_entity_kinds"), ids=batch)
        found.update((row["id"], kind_of_labels(row["labels"])) for row in rows)
    return found


def whole_terms(entities: Iterable[EntityRecord]) -> list[str]:
    """The stored whole terms the names and aliases of `entities` would meet. They are
    compact: a spaced name meets its compact form, and the validation then compares the
    spaced forms."""
    names = [n for e in entities for n in [e.name, *e.aliases]]
    return sorted({normalise(n).replace(" ", "") for n in names} - {""})


async def namesakes_in_graph(
    read: Callable[..., Awaitable[list[dict[str, Any]]]],
    dataset: Dataset,
    existing: Collection[str] | None = None,
) -> list[Namesake]:
    """Entities outside `dataset` that already use one of its names or aliases; `read` runs
    the query (`Graph.read`, or `Transaction.run` inside a mutation's transaction). A large
    load passes the ids of the graph it checked (`existing`) and is checked in slices."""
    terms = whole_terms(dataset.entities)
    if not terms:
        return []
    ids = sorted({e.id for e in dataset.entities})
    if existing is None or len(terms) <= CHECK_BATCH_SIZE:
        rows = await read(query("find_entities_sharing_terms"), terms=terms, ids=ids)
    else:
        rows = await _large_load_namesakes(read, terms, ids, existing)
    return [
        Namesake(row["id"], (row["name"], *(row["aliases"] or [])), frozenset(row["related"]))
        for row in rows
    ]


async def stored_links(
    read: Callable[..., Awaitable[list[dict[str, Any]]]], dataset: Dataset
) -> list[StoredLink]:
    """The graph's relationships that the dataset's derived links may meet: for each type
    the API derives through another (`incoming_through`), the stored links of the dataset's
    sources and of the entities its through-links join, and the through-links into every
    end of those. Nothing is read for a dataset without such links."""
    found: list[StoredLink] = []
    for rel in (r for r in RELATIONSHIP_TYPES if r.incoming_through):
        through = RELATIONSHIPS_BY_NAME[str(rel.incoming_through)]
        mine = [r for r in dataset.relationships if r.type == rel.name]
        joins = {
            i for r in dataset.relationships if r.type == through.name for i in (r.from_id, r.to_id)
        }
        if not mine and not joins:
            continue
        links = await read(
            render("list_links_from", rel=rel), ids=sorted({r.from_id for r in mine})
        )
        if joins:
            links += await read(render("list_links_into", rel=rel), ids=sorted(joins))
        found += [StoredLink(rel.name, row["from"], row["to"]) for row in links]
        ends = {r.to_id for r in mine} | {link.to_id for link in found}
        parents = await read(render("list_links_into", rel=through), ids=sorted(ends))
        found += [StoredLink(through.name, row["from"], row["to"]) for row in parents]
    return found


async def _large_load_namesakes(
    read: Callable[..., Awaitable[list[dict[str, Any]]]],
    terms: list[str],
    ids: list[str],
    existing: Collection[str],
) -> list[dict[str, Any]]:
    """`find_entities_sharing_terms` in slices small enough for one Bolt message: first the
    owners of the terms, then those outside the load with their neighbours in it. Only
    entities of the load already in the graph (`existing`) can be such neighbours."""
    mine = set(ids)
    outsiders: set[str] = set()
    for start in range(0, len(terms), CHECK_BATCH_SIZE):
        batch = terms[start : start + CHECK_BATCH_SIZE]
        rows = await read(query("find_whole_term_owners"), terms=batch)
        outsiders.update(row["id"] for row in rows if row["id"] not in mine)
    if not outsiders:
        return []
    linked = sorted(i for i in ids if i in existing)
    return await read(query("get_namesakes"), outsiders=sorted(outsiders), ids=linked)


def plan_statements(
    dataset: Dataset, batch_size: int = BATCH_SIZE, existing: Collection[str] = ()
) -> list[tuple[CypherQuery, dict[str, Any]]]:
    """The UNWIND batches that write `dataset`: entities by kind, then relationships by type.

    Entities already in the graph (`existing`) are updated through the `Entity.id` index;
    new ones are created with both labels. (A MERGE on two labels would scan the kind's
    nodes on ArcadeDB.) Likewise a relationship with an endpoint new in this load cannot be
    in the graph yet and is created; only one between two existing entities is merged (a
    MERGE checks the endpoints' relationships: into a hub such as an evaluation that
    scores thousands of bodies it cost the graph 1.7 times the CPU of a CREATE). Every
    batch reports what it wrote, and a short count aborts the transaction, e.g. when an
    entity appeared or vanished since `existing` was read. The lookup nodes of what is
    written (search terms, citations) are replaced last.
    """
    known = set(existing)
    new: dict[str, list[dict[str, Any]]] = defaultdict(list)
    updated: list[dict[str, Any]] = []
    for entity in dataset.entities:
        row = entity_row(entity)
        if entity.id in known:
            updated.append(row)
        else:
            new[entity.kind].append(row)
    created: dict[str, list[dict[str, Any]]] = defaultdict(list)
    merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in dataset.relationships:
        both_known = rel.from_id in known and rel.to_id in known
        (merged if both_known else created)[rel.type].append(relationship_row(rel))
    statements = [(query("update_entities"), {"rows": b}) for b in _batches(updated, batch_size)]
    for kind_name, rows in sorted(new.items()):
        cypher = render("create_entities", kind=KINDS_BY_NAME[kind_name])
        statements += [(cypher, {"rows": batch}) for batch in _batches(rows, batch_size)]
    for name, by_type in (("create_relationships", created), ("merge_relationships", merged)):
        for type_name, rows in sorted(by_type.items()):
            cypher = render(name, rel=RELATIONSHIPS_BY_NAME[type_name])
            statements += [(cypher, {"rows": batch}) for batch in _batches(rows, batch_size)]
    statements += lookup_statements(dataset.entities, dataset.relationships, existing=known)
    return statements


async def load_dataset(
    graph: Graph,
    dataset: Dataset,
    *,
    batch_size: int = BATCH_SIZE,
    stage_records: int = STAGE_RECORDS,
    on_batch: Callable[[int], object] | None = None,
    timeout_seconds: float | None = None,
    bulk_data_dir: Path | None = None,
) -> str:
    """Validate `dataset` (endpoints may already be in the graph) and write all of it, or none.

    A load that only creates goes to the embedded graph's own bulk writer when the graph in
    `bulk_data_dir` offers one (`bulk`), else, if larger than `stage_records`, is written in
    stages, one transaction each; both are taken back if they fail (`staging`). Any other
    load is one transaction.
    """
    known = {e.id for e in dataset.entities}
    referenced = {r.from_id for r in dataset.relationships} | {
        r.to_id for r in dataset.relationships
    }
    referenced |= {s for e in dataset.entities for s in e.sources}
    referenced |= {s for r in dataset.relationships for s in r.sources}
    referenced |= {
        str(r.properties["on_behalf_of"])
        for r in dataset.relationships
        if isinstance(r.properties.get("on_behalf_of"), str)
    }
    # The checks read as much as the load writes: they get its patience, not a request's.
    checks = Graph(graph.driver, graph.database, timeout_seconds or graph.timeout_seconds)
    existing = await existing_kinds(checks, referenced | known)
    namesakes = await namesakes_in_graph(checks.read, dataset, existing.keys())
    problems = validate(dataset, existing, namesakes, await stored_links(checks.read, dataset))
    if problems:
        raise LoadError(problems)
    creates_only = only_creates(dataset, existing.keys())
    if creates_only and bulk_entry_of(bulk_data_dir) and fits_rows_file(dataset):
        assert bulk_data_dir is not None
        await write_natively(
            graph, dataset, bulk_data_dir, on_records=on_batch, timeout_seconds=timeout_seconds
        )
        return "bulk"
    if len(dataset.entities) + len(dataset.relationships) > stage_records and creates_only:
        # Planned as they are written: the rows of a million entities at once took 6 GiB.
        stages = (
            (stage, plan_statements(Dataset(stage.entities, stage.relationships), batch_size))
            for stage in plan_stages(dataset, stage_records)
        )
        await write_in_stages(graph, stages, on_statement=on_batch, timeout_seconds=timeout_seconds)
        return "staged"
    statements = plan_statements(dataset, batch_size, existing.keys())
    await graph.write_all(statements, on_statement=on_batch, timeout_seconds=timeout_seconds)
    return "one transaction"

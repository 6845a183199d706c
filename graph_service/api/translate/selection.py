"""From the GraphQL selection of a root field to the intermediate form (`plan.py`).

Fragments, inline fragments, aliases, `@skip`/`@include` and variables are resolved here,
once, at the root; the arguments of nested connections are coerced and converted exactly
as Strawberry would for their resolvers, so the translation sees the same typed inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_directive_values
from strawberry.types.arguments import convert_arguments

from graph_service.api.errors import UserInputError
from graph_service.api.translate.plan import EntityPlan, ListPlan, Page, RelationPlan
from graph_service.loading.periods import WINDOW_PROPERTIES
from graph_service.ontology import (
    ENTITY_KINDS,
    KINDS_BY_NAME,
    RELATIONSHIP_TYPES,
    SOURCE_KIND,
    RelationshipType,
    kind_properties,
    relationship_properties,
    relationships_from,
    relationships_to,
)

ALL_KINDS = tuple(kind.name for kind in ENTITY_KINDS)
_ENTITY_FIELDS = {"id": "id", "name": "name", "aliases": "aliases", "description": "description"}
_ENTITY_FIELDS |= {"note": "note", "verified": "unverified"}


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.capitalize() for part in rest)


@cache
def kind_fields(kind: str) -> dict[str, tuple[str, Any, str]]:
    """GraphQL field name -> ("prop", name, "") | ("rel", RelationshipType, direction)."""
    fields: dict[str, tuple[str, Any, str]] = {
        name: ("prop", prop, "") for name, prop in _ENTITY_FIELDS.items()
    }
    for prop in kind_properties(KINDS_BY_NAME[kind]):
        fields.setdefault(camel(prop.name), ("prop", prop.name, ""))
    for rel in relationships_from(kind):
        fields[rel.outgoing_field] = ("rel", rel, "OUT")
    for rel in relationships_to(kind):
        fields[rel.incoming_field] = ("rel", rel, "IN")
    return fields


@cache
def edge_fields(rel: RelationshipType) -> dict[str, str]:
    """GraphQL field name of an edge -> the stored relationship property."""
    fields = {"relationshipId": "id", "verified": "unverified"}
    fields.update({camel(p.name): p.name for p in relationship_properties(rel)})
    return fields


@cache
def graph_edge_fields() -> dict[str, tuple[RelationshipType, dict[str, tuple[str, ...]]]]:
    """GraphQL type of a subgraph's or path's relationship (`ReceivedAwardRelationship`) ->
    its relationship type and, per field, the stored properties that field reads."""
    found = {}
    for rel in RELATIONSHIP_TYPES:
        fields: dict[str, tuple[str, ...]] = dict.fromkeys(("type", "from", "to", "__typename"), ())
        fields |= {"id": ("id",), "verified": ("unverified",)}
        for p in relationship_properties(rel):
            fields[camel(p.name)] = (p.name,)
            if p.entity_link:
                fields[f"{camel(p.name)}Id"] = (p.name,)
        stem = "".join(part.capitalize() for part in rel.name.split("_"))
        found[f"{stem}Relationship"] = (rel, fields)
    return found


@dataclass(frozen=True)
class Selection:
    """What the walk needs from the request: schema, fragments, variables, the cap."""

    schema: GraphQLSchema
    fragments: dict[str, Any]
    variables: Any
    strawberry_schema: Any
    max_page_size: int
    nested_page_size: int  # a nested connection's page when it names no size

    @classmethod
    def of(cls, info: Any) -> Selection:
        raw = info._raw_info
        variables = raw.variable_values
        if not isinstance(variables, VariableValues):  # Strawberry's executor: a plain dict
            variables = VariableValues({}, dict(variables or {}))
        return cls(
            raw.schema,
            raw.fragments,
            variables,
            info.schema,
            info.context.settings.max_page_size,
            info.context.settings.nested_page_size,
        )

    @classmethod
    def of_request(
        cls,
        schema: Any,
        strawberry_schema: Any,
        fragments: dict[str, Any],
        variables: Any,
        settings: Any,
    ) -> Selection:
        """The same, for a request executed without graphql-core (`api/fast_reads`)."""
        return cls(
            schema,
            fragments,
            variables,
            strawberry_schema,
            settings.max_page_size,
            settings.nested_page_size,
        )

    def collect_set(
        self, selections: SelectionSetNode, type_name: str
    ) -> dict[str, list[FieldNode]]:
        """The fields of one selection set for an object of `type_name` (e.g. the root)."""
        found: dict[str, list[FieldNode]] = {}
        self._visit(selections, type_name, found, set())
        return found

    def collect(self, nodes: Iterable[FieldNode], type_name: str) -> dict[str, list[FieldNode]]:
        """The fields selected under `nodes` for an object of `type_name`, by response key."""
        found: dict[str, list[FieldNode]] = {}
        for node in nodes:
            if node.selection_set is not None:
                self._visit(node.selection_set, type_name, found, set())
        return found

    def _visit(
        self,
        selections: SelectionSetNode,
        type_name: str,
        found: dict[str, list[FieldNode]],
        seen: set[str],
    ) -> None:
        for item in selections.selections:
            if not self._included(item):
                continue
            if isinstance(item, FieldNode):
                key = item.alias.value if item.alias else item.name.value
                found.setdefault(key, []).append(item)
            elif isinstance(item, InlineFragmentNode):
                condition = item.type_condition.name.value if item.type_condition else None
                if self._applies(condition, type_name):
                    self._visit(item.selection_set, type_name, found, seen)
            elif isinstance(item, FragmentSpreadNode):
                name = item.name.value
                fragment = self.fragments.get(name)
                definition = getattr(fragment, "definition", fragment)
                if name in seen or definition is None:
                    continue
                seen.add(name)
                if self._applies(definition.type_condition.name.value, type_name):
                    self._visit(definition.selection_set, type_name, found, seen)

    def _included(self, node: Any) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip is not None and skip.get("if"):
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return include is None or bool(include.get("if"))

    def _applies(self, condition: str | None, type_name: str) -> bool:
        if condition is None or condition == type_name:
            return True
        abstract = self.schema.get_type(condition)
        concrete = self.schema.get_type(type_name)
        if abstract is None or isinstance(abstract, GraphQLObjectType):
            return False
        return bool(self.schema.is_sub_type(abstract, concrete))  # type: ignore[arg-type]

    def arguments(self, type_name: str, node: FieldNode) -> dict[str, Any]:
        """The converted arguments Strawberry would hand the field's resolver."""
        definition = self._field(type_name, node)
        raw = get_argument_values(definition, node, self.variables)
        field = definition.extensions["strawberry-definition"]
        return convert_arguments(
            raw,
            field.arguments,
            scalar_registry=self.strawberry_schema.schema_converter.scalar_registry,
            config=self.strawberry_schema.config,
        )

    def coerced_arguments(self, type_name: str, node: FieldNode) -> dict[str, Any]:
        """The arguments as GraphQL coerces them, before Strawberry converts input objects
        and enums (which costs a filtered list a sixth of its CPU): enough for scalars."""
        return get_argument_values(self._field(type_name, node), node, self.variables)

    def _field(self, type_name: str, node: FieldNode) -> GraphQLField:
        object_type = self.schema.get_type(type_name)
        assert isinstance(object_type, GraphQLObjectType)
        field: GraphQLField = object_type.fields[node.name.value]
        return field

    def field_type(self, type_name: str, field_name: str) -> str:
        object_type = self.schema.get_type(type_name)
        assert isinstance(object_type, GraphQLObjectType)
        return get_named_type(object_type.fields[field_name].type).name

    def page(self, first: Any, after: Any, last: Any, before: Any, *, nested: bool) -> Page:
        cap = self.max_page_size
        for name, value in (("first", first), ("last", last)):
            if value is not None and not 0 <= value <= cap:
                raise UserInputError(
                    f"`{name}` must be between 0 and {cap} (got {value}); "
                    "page through larger results with cursors"
                )
        if first is not None and last is not None:
            raise UserInputError("give `first` or `last`, not both")
        if first is None and last is None:
            first = self.nested_page_size if nested else cap
        return Page(first, after, last, before)

    def descend(
        self, nodes: list[FieldNode], type_name: str, path: Iterable[str]
    ) -> tuple[list[FieldNode], str]:
        """The field nodes (every alias) at `path` below `nodes` of `type_name`, and the
        named type there: e.g. `("edges", "node")` under a search connection."""
        for step in path:
            nodes = [
                n
                for g in self.collect(nodes, type_name).values()
                if g[0].name.value == step
                for n in g
            ]
            if not nodes:
                return [], type_name
            type_name = self.field_type(type_name, step)
        return nodes, type_name

    def graph_edge_props(self, nodes: list[FieldNode], type_name: str) -> set[str] | None:
        """The stored properties the `edges` of a subgraph or path (`nodes` of `type_name`)
        are read for, or None when a field reads them all (`properties`) or one not known
        here is selected."""
        edges, _ = self.descend(nodes, type_name, ("edges",))
        props = {"id"}
        for edge_type, (_, fields) in graph_edge_fields().items():
            for group in self.collect(edges, edge_type).values():
                read = fields.get(group[0].name.value)
                if read is None:
                    return None
                props.update(read)
        return props

    # --- plans ----------------------------------------------------------------------

    def entity(self, nodes: list[FieldNode], kinds: Iterable[str]) -> EntityPlan:
        plan = EntityPlan()
        for kind in kinds:
            fields = kind_fields(kind)
            for key, group in self.collect(nodes, kind).items():
                meaning = fields.get(group[0].name.value)
                if group[0].name.value == "sources":
                    plan.props.add("sources")
                    plan.sources = merge(plan.sources, self.entity(group, [SOURCE_KIND]))
                elif meaning is None:
                    continue  # kind, __typename: read from labels or by GraphQL
                elif meaning[0] == "prop":
                    plan.props.add(meaning[1])
                else:
                    self.add_relation(plan, kind, key, group, meaning[1], meaning[2])
        return plan

    def add_relation(
        self,
        plan: EntityPlan,
        kind: str,
        key: str,
        group: list[FieldNode],
        rel: RelationshipType,
        direction: str,
    ) -> None:
        args = self.arguments(kind, group[0])
        for existing in plan.relations:
            same = (existing.alias, existing.rel, existing.direction) == (key, rel, direction)
            if same and existing.arguments == args:
                existing.kinds = existing.kinds | {kind}
                return
        relation = RelationPlan(
            alias=key,
            rel=rel,
            direction=direction,
            kinds=frozenset({kind}),
            page=self.page(args["first"], args["after"], args["last"], args["before"], nested=True),
            filter=args.get("filter"),
            order_by=args.get("order_by"),
            as_of=args["as_of"].isoformat() if args.get("as_of") else None,
            year=args.get("year"),
            arguments=args,
        )
        connection = self.field_type(kind, group[0].name.value)
        selected = self.collect(group, connection)
        relation.total = "totalCount" in {g[0].name.value for g in selected.values()}
        relation.edges = any(g[0].name.value in ("edges", "pageInfo") for g in selected.values())
        edges = [n for g in selected.values() if g[0].name.value == "edges" for n in g]
        edge_type = self.field_type(connection, "edges")
        ends = rel.targets if direction == "OUT" else rel.sources
        stored = edge_fields(rel)
        for sub in self.collect(edges, edge_type).values():
            name = sub[0].name.value
            if name == "node":
                relation.node = merge(relation.node, self.entity(sub, sorted(ends)))
            elif name == "sources":
                relation.edge_props.add("sources")
                relation.edge_sources = merge(
                    relation.edge_sources, self.entity(sub, [SOURCE_KIND])
                )
            elif name in stored:
                relation.edge_props.add(stored[name])
            elif name == "asOfPrecision":  # read from the window
                relation.edge_props.update(WINDOW_PROPERTIES)
        plan.relations.append(relation)

    def kind_list(self, kind: str, nodes: list[FieldNode], args: dict[str, Any]) -> ListPlan:
        connection = self.field_type("Query", nodes[0].name.value)
        selected = self.collect(nodes, connection)
        names = {g[0].name.value for g in selected.values()}
        edges = [n for g in selected.values() if g[0].name.value == "edges" for n in g]
        edge_type = self.field_type(connection, "edges")
        node_nodes = [
            n
            for g in self.collect(edges, edge_type).values()
            if g[0].name.value == "node"
            for n in g
        ]
        return ListPlan(
            kind=kind,
            page=self.page(
                args.get("first"),
                args.get("after"),
                args.get("last"),
                args.get("before"),
                nested=False,
            ),
            node=self.entity(node_nodes, [kind]),
            filter=args.get("filter"),
            order_by=args.get("order_by"),
            total="totalCount" in names,
            edges=bool(names & {"edges", "pageInfo"}),
        )


def merge(a: EntityPlan | None, b: EntityPlan) -> EntityPlan:
    """One plan reading what both read (a field selected twice under different parents)."""
    if a is None:
        return b
    a.props |= b.props
    if b.sources is not None:
        a.sources = merge(a.sources, b.sources)
    known = {(r.alias, frozenset(r.kinds)) for r in a.relations}
    a.relations += [r for r in b.relations if (r.alias, frozenset(r.kinds)) not in known]
    return a

"""The one place that names the graph's labels, relationship types and their properties.

Everything else (GraphQL types, seed validation, the Cypher the service sends) derives
from the tables here. Every node carries the shared label `Entity` beside its kind label,
so that one uniqueness constraint on `Entity.id` serves every lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

ENTITY_LABEL = "Entity"
SOURCE_KIND = "Source"  # the kind whose entities are the sources every fact cites
# The label of the audit log's nodes. They are deliberately outside `Entity` and carry no
# kind label and no relationships, so no entity query, export or count ever sees them.
AUDIT_LABEL = "AuditEntry"
# Lookup nodes, kept like the audit log outside `Entity`, with no kind label and no
# relationships, keyed by the entity (or relationship) they describe: the normalised search
# terms of every name and alias, and one citation per (source, fact). Each is indexed on
# the property searched (setup_*_index.cypher), so search and `supportedBy` are index seeks.
SEARCH_TERM_LABEL = "SearchTerm"
CITATION_LABEL = "Citation"


class ValueType(Enum):
    STRING = "string"
    INT = "int"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO 8601 `YYYY-MM-DD`, stored as a string so it compares the same everywhere
    STRING_LIST = "string list"
    ENUM = "enum"


@dataclass(frozen=True)
class Property:
    name: str  # snake_case in the graph; camelCase in GraphQL
    type: ValueType
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()  # for ValueType.ENUM: the allowed values, UPPER_SNAKE
    # For a STRING holding an entity's key: the description of the GraphQL field that links
    # to that entity (the key stays readable as `<name>Id`); loading checks the entity exists.
    entity_link: str | None = None


@dataclass(frozen=True)
class EntityKind:
    name: str  # the node label and the GraphQL type name
    plural: str  # the root connection field
    description: str
    properties: tuple[Property, ...] = ()

    def get_property(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True)
class RelationshipType:
    name: str  # the relationship type in the graph, UPPER_SNAKE
    description: str
    sources: frozenset[str]  # kinds allowed at the start
    targets: frozenset[str]  # kinds allowed at the end
    outgoing_field: str  # field on the start node's GraphQL type
    incoming_field: str  # field on the end node's GraphQL type
    properties: tuple[Property, ...] = ()
    dated: bool = False  # carries valid_from / valid_to and answers `asOf`
    # How an entity's timeline words the fact, seen from the start (OUT) and from the end
    # (IN); None keeps it off that side's timeline. Placeholders: {other} (the other
    # entity's name), {role}, {value}, {rank} and {predicate} (the latter two with their
    # own leading punctuation, empty when unknown).
    timeline: tuple[str | None, str | None] = (None, None)
    # Derived on the end's side: its incoming field also lists the relationships of this
    # type that end at the entities it reaches by `incoming_through` (an award edition's
    # recipients include its categories'). Loading keeps the two apart, so none is listed
    # twice.
    incoming_through: str | None = None

    def get_property(self, name: str) -> Property | None:
        return next((p for p in self.all_properties if p.name == name), None)

    @property
    def all_properties(self) -> tuple[Property, ...]:
        return self.properties + (DATED_PROPERTIES if self.dated else ())


# Properties every entity has, whatever its kind.
COMMON_PROPERTIES: tuple[Property, ...] = (
    Property("name", ValueType.STRING, "The name in its official or most common form.", True),
    Property("aliases", ValueType.STRING_LIST, "Other names and abbreviations people write."),
    Property("description", ValueType.STRING, "A short description."),
    Property("note", ValueType.STRING, "A remark on the facts, e.g. where sources disagree."),
)

DATE_PRECISIONS = ("DAY", "MONTH", "YEAR")

DATED_PROPERTIES: tuple[Property, ...] = (
    Property(
        "valid_from",
        ValueType.DATE,
        "When the fact began, as the first day of what the source gives (a day, or the "
        "first day of a month or year: see `validFromPrecision`), or of the period named by "
        "`asOf`.",
    ),
    Property(
        "valid_from_precision",
        ValueType.ENUM,
        "How precisely the source gives the start: to the day, or only to the month or the "
        "year (then `validFrom` is the first day of that month or year).",
        choices=DATE_PRECISIONS,
    ),
    Property(
        "valid_to",
        ValueType.DATE,
        "When the fact ended, as the last day of what the source gives (a day, or the last "
        "day of a month or year: see `validToPrecision`), or of the period named by `asOf`; "
        "empty while it is open.",
    ),
    Property(
        "valid_to_precision",
        ValueType.ENUM,
        "How precisely the source gives the end: to the day, or only to the month or the "
        "year (then `validTo` is the last day of that month or year).",
        choices=DATE_PRECISIONS,
    ),
    Property("as_of", ValueType.STRING, "The period the sources attest the fact for, as written."),
)

PREDICATES = ("MEMUASKAN", "SANGAT_BAIK", "BAIK", "CUKUP", "KURANG")

# The SPBE index scale of PermenPANRB 59/2020 (maturity 1 to 5). Every predicate seen with a
# value in the reference sources falls in these bands; loading rejects a score whose
# predicate disagrees with its band.
PREDICATE_BANDS: dict[str, tuple[float, float]] = {
    "MEMUASKAN": (4.2, 5.0),
    "SANGAT_BAIK": (3.5, 4.2),
    "BAIK": (2.6, 3.5),
    "CUKUP": (1.8, 2.6),
    "KURANG": (0.0, 1.8),
}

GOVERNMENT_LEVELS = ("CITY", "REGENCY", "PROVINCE", "NATIONAL")
POLICY_TYPES = ("PRESIDENTIAL_REGULATION", "MINISTERIAL_REGULATION", "MINISTERIAL_DECREE")

# Named value sets: the GraphQL enums of ENUM properties, and what each is in words.
ENUMS: dict[str, tuple[str, ...]] = {
    "Predicate": PREDICATES,
    "GovernmentLevel": GOVERNMENT_LEVELS,
    "PolicyType": POLICY_TYPES,
    "DatePrecision": DATE_PRECISIONS,
}
ENUM_WORDS: dict[str, str] = {
    "Predicate": "the rating words the sources give a score or an award (e.g. `SANGAT_BAIK`)",
    "GovernmentLevel": "the level of a government: city, regency, province or national",
    "PolicyType": "the kind of a policy: a presidential or ministerial regulation, or a decree",
    "DatePrecision": "how precisely a source gives a date, as Wikidata's time precision: to "
    "the day, the month or the year",
}

_BODIES = frozenset({"Ministry", "Agency", "LocalGovernment", "Office", "CoordinationTeam"})
_SCORED = frozenset({"Ministry", "Agency", "LocalGovernment"})
_PEOPLE = frozenset({"Official"})


def _p(name: str, type_: ValueType, description: str, *choices: str) -> Property:
    return Property(name, type_, description, choices=tuple(choices))


_RECIPIENTS_COUNT = _p(
    "recipients_count",
    ValueType.INT,
    "How many institutions received it, as the sources state (the graph may know fewer).",
)


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "Ministry",
        "ministries",
        "A ministry of the Republic of Indonesia (Kementerian).",
    ),
    EntityKind(
        "Agency",
        "agencies",
        "A national government institution that is not a ministry: a non-ministerial agency "
        "(LPNK), a non-structural institution (LNS), or a state office such as the presidency.",
        (
            _p(
                "agency_type",
                ValueType.STRING,
                "What sort of institution it is, as the sources say.",
            ),
        ),
    ),
    EntityKind(
        "LocalGovernment",
        "localGovernments",
        "A regional government (Pemerintah Provinsi, Kota or Kabupaten) that governs a region.",
        (
            _p("level", ValueType.ENUM, "The tier of government.", *GOVERNMENT_LEVELS),
            _p("apps", ValueType.STRING_LIST, "Digital services the sources name for it."),
        ),
    ),
    EntityKind(
        "Office",
        "offices",
        "A unit inside a government body, such as a regional communications office (Dinas).",
    ),
    EntityKind(
        "CoordinationTeam",
        "coordinationTeams",
        "A cross-institution team, such as the national SPBE coordination team.",
        (_p("function", ValueType.STRING, "What the team is charged with."),),
    ),
    EntityKind(
        "Region",
        "regions",
        "A place: a province, city (kota) or regency (kabupaten).",
        (_p("level", ValueType.ENUM, "The tier of the region.", *GOVERNMENT_LEVELS),),
    ),
    EntityKind(
        "Official",
        "officials",
        "A person who holds or held a public position.",
    ),
    EntityKind(
        "Event",
        "events",
        "A dated event: a summit, a cabinet meeting, an award ceremony.",
        (
            _p("date", ValueType.DATE, "The day it took place."),
            _p("venue", ValueType.STRING, "Where it took place."),
            _p("topic", ValueType.STRING, "What it was about."),
            _p("highlights", ValueType.STRING_LIST, "Points the sources report from it."),
        ),
    ),
    EntityKind(
        "Policy",
        "policies",
        "A regulation or decree (Peraturan Presiden, Peraturan/Keputusan Menteri).",
        (
            _p(
                "policy_type",
                ValueType.ENUM,
                "The kind of legal instrument.",
                *POLICY_TYPES,
            ),
            _p("number", ValueType.STRING, "Its number."),
            _p("year", ValueType.INT, "Its year."),
            _p("date", ValueType.DATE, "The day it was enacted."),
            _p("gazette", ValueType.STRING, "Where it was promulgated (Lembaran Negara)."),
            _p("subject", ValueType.STRING, "What it regulates (tentang ...)."),
            _p("highlights", ValueType.STRING_LIST, "Provisions the sources report."),
        ),
    ),
    EntityKind(
        "Award",
        "awards",
        "An edition of an award, such as the Digital Government Award 2024.",
        (
            _p("year", ValueType.INT, "The edition's year."),
            _RECIPIENTS_COUNT,
            _p("purpose", ValueType.STRING, "Why it is given."),
            _p("frequency", ValueType.STRING, "How often it is given."),
        ),
    ),
    EntityKind(
        "AwardCategory",
        "awardCategories",
        "A category of an award edition.",
        (_RECIPIENTS_COUNT,),
    ),
    EntityKind(
        "Evaluation",
        "evaluations",
        "A round of SPBE monitoring and evaluation, which yields index scores.",
        (
            _p("year", ValueType.INT, "The year evaluated."),
            _p("stages", ValueType.STRING_LIST, "The stages of the assessment, in order."),
            _p("institutions_evaluated", ValueType.INT, "How many institutions were evaluated."),
            _p("indicators", ValueType.INT, "How many indicators were assessed."),
            _p("domains", ValueType.STRING_LIST, "The domains assessed."),
            _p("national_index", ValueType.FLOAT, "The national SPBE index for the round."),
            _p(
                "national_predicate",
                ValueType.ENUM,
                "The predicate of the national index.",
                *PREDICATES,
            ),
            _p("assessors", ValueType.STRING, "Who assessed, as the sources say."),
        ),
    ),
    EntityKind(
        "Platform",
        "platforms",
        "A national digital government platform, such as GovTech Indonesia (INA Digital).",
        (_p("launched", ValueType.DATE, "The day it was launched."),),
    ),
    EntityKind(
        "Source",
        "sources",
        "A published document that facts in the graph are read from.",
        (
            Property("url", ValueType.STRING, "Where it was read.", True),
            _p("publisher", ValueType.STRING, "Who published it."),
            _p("published", ValueType.DATE, "The day it was published."),
            _p("title", ValueType.STRING, "Its title."),
        ),
    ),
)


def _rel(
    name: str,
    description: str,
    sources: Iterable[str],
    targets: Iterable[str],
    outgoing_field: str,
    incoming_field: str,
    *properties: Property,
    dated: bool = False,
    timeline: tuple[str | None, str | None] = (None, None),
    incoming_through: str | None = None,
) -> RelationshipType:
    return RelationshipType(
        name,
        description,
        frozenset(sources),
        frozenset(targets),
        outgoing_field,
        incoming_field,
        tuple(properties),
        dated,
        timeline,
        incoming_through,
    )


_RANK = _p("rank", ValueType.INT, "Place in the ranking (1 is best), where the sources give it.")
_YEAR = _p("year", ValueType.INT, "The year the fact refers to.")
_ROLE = Property("role", ValueType.STRING, "The position's title.", True)

RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = (
    _rel(
        "RECEIVED_AWARD",
        "A body received an award (in a category, when the target is a category).",
        _SCORED | {"Office"},
        {"AwardCategory", "Award"},
        "awardsReceived",
        "recipients",
        _RANK,
        _YEAR,
        _p("category_wording", ValueType.STRING, "The category as a source words it."),
        _p("predicate", ValueType.ENUM, "The predicate the award recognised.", *PREDICATES),
        _p("basis", ValueType.STRING, "What the award was given for."),
        timeline=("Received {other}{rank}", None),
        incoming_through="HAS_CATEGORY",
    ),
    _rel(
        "HAS_SPBE_INDEX",
        "A body's SPBE index score in an evaluation round.",
        _SCORED,
        {"Evaluation"},
        "indexScores",
        "scores",
        Property("value", ValueType.FLOAT, "The SPBE index (scale 1 to 5).", True),
        _p("predicate", ValueType.ENUM, "The predicate for the score.", *PREDICATES),
        _YEAR,
        _RANK,
        _p("rank_scope", ValueType.STRING, "Among whom the rank was given."),
        _p("increase", ValueType.FLOAT, "The rise over the previous round."),
        timeline=("SPBE index {value}{predicate} in {other}{rank}", None),
    ),
    _rel(
        "HOLDS_POSITION",
        "An official holds (or held) a position in a body.",
        _PEOPLE,
        _BODIES,
        "positions",
        "officials",
        _ROLE,
        _p("head", ValueType.BOOLEAN, "Whether the position heads the body."),
        dated=True,
        timeline=("{role}, {other}", "{other}: {role}"),
    ),
    _rel(
        "CHAIRS",
        "An official chairs a coordination team.",
        _PEOPLE,
        {"CoordinationTeam"},
        "chairs",
        "chairedBy",
        _p("capacity", ValueType.STRING, "In which capacity."),
        dated=True,
        timeline=("Chairs {other}", "Chaired by {other}"),
    ),
    _rel(
        "MEMBER_OF",
        "A body is a member of a coordination team.",
        _BODIES,
        {"CoordinationTeam"},
        "memberOf",
        "members",
        dated=True,
        timeline=("Member of {other}", "{other} is a member"),
    ),
    _rel(
        "COORDINATES",
        "A body coordinates a coordination team.",
        _BODIES,
        {"CoordinationTeam"},
        "coordinates",
        "coordinatedBy",
        dated=True,
        timeline=("Coordinates {other}", "Coordinated by {other}"),
    ),
    _rel(
        "PART_OF",
        "A unit is part of a larger body, or a region lies in a larger region.",
        _BODIES | {"Region"},
        _BODIES | {"Region"},
        "partOf",
        "parts",
    ),
    _rel(
        "GOVERNS",
        "A local government governs a region.",
        {"LocalGovernment"},
        {"Region"},
        "governs",
        "governedBy",
    ),
    _rel(
        "HAS_CATEGORY",
        "An award edition has a category.",
        {"Award"},
        {"AwardCategory"},
        "categories",
        "award",
    ),
    _rel(
        "PRESENTED_AT",
        "An award was presented at an event.",
        {"Award"},
        {"Event"},
        "presentedAt",
        "awardsPresented",
        timeline=("Presented at {other}", None),
    ),
    _rel(
        "PRECEDED_BY",
        "An event or award edition follows an earlier one.",
        {"Event", "Award"},
        {"Event", "Award"},
        "precededBy",
        "followedBy",
    ),
    _rel(
        "ORGANIZED_BY",
        "An event was organised by a body.",
        {"Event"},
        _BODIES,
        "organizedBy",
        "eventsOrganized",
        timeline=(None, "Organised {other}"),
    ),
    _rel(
        "AWARDED_BY",
        "An award is given by a body.",
        {"Award"},
        _BODIES,
        "awardedBy",
        "awardsGiven",
    ),
    _rel(
        "OPENED_BY",
        "An event was opened by an official.",
        {"Event"},
        _PEOPLE,
        "openedBy",
        "eventsOpened",
        timeline=(None, "Opened {other}"),
    ),
    _rel(
        "CHAIRED",
        "An official chaired a meeting.",
        _PEOPLE,
        {"Event"},
        "meetingsChaired",
        "chairedBy",
        timeline=("Chaired {other}", None),
    ),
    _rel(
        "ATTENDED",
        "An official attended an event.",
        _PEOPLE,
        {"Event"},
        "eventsAttended",
        "attendees",
        timeline=("Attended {other}", None),
    ),
    _rel(
        "PRESENTED_AWARD",
        "An official handed out an award.",
        _PEOPLE,
        {"Award", "AwardCategory"},
        "awardsPresented",
        "presentedBy",
        _p("witnessed_by", ValueType.STRING, "Who witnessed the presentation."),
        timeline=("Presented {other}", None),
    ),
    _rel(
        "ACCEPTED_AWARD",
        "An official accepted an award on behalf of a body.",
        _PEOPLE,
        {"Award", "AwardCategory"},
        "awardsAccepted",
        "acceptedBy",
        Property(
            "on_behalf_of",
            ValueType.STRING,
            "The key of the body the award was accepted for.",
            entity_link="The body the award was accepted for.",
        ),
        _p("date", ValueType.DATE, "The day it was accepted."),
        timeline=("Accepted {other}", None),
    ),
    _rel(
        "LAUNCHED",
        "A platform was launched at an event.",
        {"Event"},
        {"Platform"},
        "launched",
        "launchedAt",
    ),
    _rel(
        "DISCUSSED",
        "A meeting discussed a policy.",
        {"Event"},
        {"Policy"},
        "discussed",
        "discussedAt",
    ),
    _rel(
        "ISSUED_BY",
        "A policy was issued by a body.",
        {"Policy"},
        _BODIES,
        "issuedBy",
        "policiesIssued",
        timeline=(None, "Issued {other}"),
    ),
    _rel(
        "IMPLEMENTS",
        "A policy implements a higher one.",
        {"Policy"},
        {"Policy"},
        "implements",
        "implementedBy",
        _p("article", ValueType.STRING, "The article of the higher policy it implements."),
    ),
    _rel(
        "REVISES",
        "A policy replaces an earlier one.",
        {"Policy"},
        {"Policy"},
        "revises",
        "revisedBy",
    ),
    _rel(
        "REGULATES",
        "A policy sets up or governs a body or a platform.",
        {"Policy"},
        _BODIES | {"Platform"},
        "regulates",
        "regulatedBy",
    ),
    _rel(
        "LEGAL_BASIS_FOR",
        "A policy is the legal basis for a platform or an award.",
        {"Policy"},
        {"Platform", "Award"},
        "legalBasisFor",
        "legalBasis",
    ),
    _rel(
        "ALIGNED_WITH",
        "An award or event serves the direction set by a policy.",
        {"Award", "Event"},
        {"Policy"},
        "alignedWith",
        "alignedAwards",
    ),
    _rel(
        "BASED_ON",
        "An award rests on an evaluation, or an evaluation on a policy.",
        {"Award", "Evaluation"},
        {"Evaluation", "Policy"},
        "basedOn",
        "basisFor",
    ),
    _rel(
        "RESULTS_SET_BY",
        "An evaluation's results were set by a decree.",
        {"Evaluation"},
        {"Policy"},
        "resultsSetBy",
        "setsResultsOf",
    ),
    _rel(
        "CONDUCTED_BY",
        "An evaluation was conducted by a body.",
        {"Evaluation"},
        _BODIES,
        "conductedBy",
        "evaluationsConducted",
    ),
    _rel(
        "FINALIZED_BY",
        "An evaluation's final assessment was made by a body.",
        {"Evaluation"},
        _BODIES,
        "finalizedBy",
        "evaluationsFinalized",
    ),
    _rel(
        "PRESENTED_RESULTS_OF",
        "An event presented the results of an evaluation.",
        {"Event"},
        {"Evaluation"},
        "presentedResultsOf",
        "resultsPresentedAt",
    ),
    _rel(
        "RESEARCHED",
        "An official researched a body's practice.",
        _PEOPLE,
        _BODIES,
        "researched",
        "researchedBy",
        _p("subject", ValueType.STRING, "What was researched."),
    ),
)

KINDS_BY_NAME: dict[str, EntityKind] = {kind.name: kind for kind in ENTITY_KINDS}
RELATIONSHIPS_BY_NAME: dict[str, RelationshipType] = {rel.name: rel for rel in RELATIONSHIP_TYPES}

# Every relationship may carry these beside its own properties.
RELATIONSHIP_COMMON_PROPERTIES: tuple[Property, ...] = (
    Property("note", ValueType.STRING, "A remark on the fact, e.g. where sources disagree."),
)


@dataclass(frozen=True)
class IndexDeclaration:
    """A property index the read path relies on, and the query it serves."""

    label: str  # a kind label
    property: str
    serves: str
    # A composite index on (property, id): the order of a page sorted by the property with
    # the key breaking ties, which a graph can read in order and stop at the LIMIT.
    then_id: bool = False

    def index_name(self) -> str:
        """The index's name in the graph (`local_government_level`, `agency_name_id`)."""
        return f"{self._snake()}_{self.property}" + ("_id" if self.then_id else "")

    def superseded_name(self) -> str | None:
        """The single-property index on the same property: kept on Neo4j (whose planner
        uses a composite index only with a predicate on each key), dropped on ArcadeDB
        (whose planner would prefer it, and sort)."""
        return f"{self._snake()}_{self.property}" if self.then_id else None

    def key_properties(self) -> tuple[str, ...]:
        return (self.property, "id") if self.then_id else (self.property,)

    def _snake(self) -> str:
        return "".join(f"_{c.lower()}" if c.isupper() else c for c in self.label).lstrip("_")


# Per kind, the properties the read path looks up, filters or sorts on. Every kind's
# root connection sorts and pages by name (`ORDER BY n.name, n.id` with a keyset
# `n.name >= $name AND (n.name > $name OR n.id > $id)`), served by a composite
# (name, id) index read in order; the others serve the filters and orderings clients use
# most.
# `Entity.id` (unique) and `Entity.name` are set up by cypher/setup_entity_*.cypher.
_INDEXED: dict[str, tuple[tuple[str, str], ...]] = {
    "LocalGovernment": (("level", "`localGovernments(filter: {level: {equals: CITY}})`"),),
    "Event": (("date", "`events(orderBy: [{field: DATE}])`, events in a date range"),),
    "Policy": (("year", "`policies(filter: {year: {gte: 2018}})`"),),
    "Award": (("year", "`awards(filter: {year: {equals: 2024}})`"),),
    "Evaluation": (("year", "`evaluations(filter: {year: {equals: 2023}})`"),),
    "Source": (("published", "`sources(orderBy: [{field: PUBLISHED}])`"),),
}


def _index_declarations() -> tuple[IndexDeclaration, ...]:
    found = []
    for kind in ENTITY_KINDS:
        serves = f"`{kind.plural}` pages in the default order (by name), keyset cursors"
        found.append(IndexDeclaration(kind.name, "name", serves, then_id=True))
        found += [IndexDeclaration(kind.name, p, text) for p, text in _INDEXED.get(kind.name, ())]
    return tuple(found)


INDEXES: tuple[IndexDeclaration, ...] = _index_declarations()


# How descriptions written for people name each kind: (singular, plural) in lowercase words.
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "Ministry": ("ministry", "ministries"),
    "Agency": ("agency", "agencies"),
    "LocalGovernment": ("local government", "local governments"),
    "Office": ("office", "offices"),
    "CoordinationTeam": ("coordination team", "coordination teams"),
    "Region": ("region", "regions"),
    "Official": ("official", "officials"),
    "Event": ("event", "events"),
    "Policy": ("policy", "policies"),
    "Award": ("award", "awards"),
    "AwardCategory": ("award category", "award categories"),
    "Evaluation": ("evaluation", "evaluations"),
    "Platform": ("platform", "platforms"),
    "Source": ("source", "sources"),
}
# Words kept in capitals when a relationship type is written as words (HAS_SPBE_INDEX).
_ACRONYMS = frozenset({"SPBE"})


def kind_noun(kind: str, plural: bool = False) -> str:
    """A kind as words: `LocalGovernment` -> "local government" ("local governments")."""
    singular, plurals = KIND_NOUNS[kind]
    return plurals if plural else singular


def kind_nouns(kinds: Iterable[str]) -> str:
    """Several kinds as a plural list: "ministries, agencies and local governments"."""
    words = [kind_noun(k, plural=True) for k in kinds]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def relationship_words(rel: str) -> str:
    """A relationship type as words: `RECEIVED_AWARD` -> "received-award"."""
    parts = [p if p in _ACRONYMS else p.lower() for p in rel.split("_")]
    return "-".join(parts)


def words_for(name: str) -> str:
    """A kind or a relationship type as the words a description uses for it."""
    return kind_noun(name) if name in KIND_NOUNS else relationship_words(name)


def with_article(words: str) -> str:
    """Words with their indefinite article: "an award category", "a local government"."""
    return f"{'an' if words[0].lower() in 'aeiou' else 'a'} {words}"


def kind_properties(kind: EntityKind) -> tuple[Property, ...]:
    """The properties an entity of `kind` may have, common ones first."""
    return COMMON_PROPERTIES + kind.properties


def relationship_properties(rel: RelationshipType) -> tuple[Property, ...]:
    return rel.all_properties + RELATIONSHIP_COMMON_PROPERTIES


def relationships_from(kind: str) -> list[RelationshipType]:
    return [rel for rel in RELATIONSHIP_TYPES if kind in rel.sources]


def relationships_to(kind: str) -> list[RelationshipType]:
    return [rel for rel in RELATIONSHIP_TYPES if kind in rel.targets]


def enum_name(prop: Property) -> str:
    """The name of the value set an ENUM property draws from."""
    for name, choices in ENUMS.items():
        if choices == prop.choices:
            return name
    raise AssertionError(f"property {prop.name} has choices outside ENUMS")


def kind_of_labels(labels: Iterable[str]) -> str:
    """The kind label among a node's labels (every node also has `Entity`)."""
    for label in labels:
        if label in KINDS_BY_NAME:
            return label
    raise ValueError(f"no known kind among labels {sorted(labels)!r}")


def _check_consistency() -> None:
    for rel in RELATIONSHIP_TYPES:
        if rel.dated and None in rel.timeline:
            raise AssertionError(f"{rel.name} is dated: word it for both ends' timelines")
        unknown = (rel.sources | rel.targets) - KINDS_BY_NAME.keys()
        if unknown:
            raise AssertionError(f"{rel.name} names unknown kinds {sorted(unknown)}")
    if KIND_NOUNS.keys() != KINDS_BY_NAME.keys():
        raise AssertionError("KIND_NOUNS must word every kind, and only kinds")
    for kind in ENTITY_KINDS:
        for prop in kind.properties:
            if prop.type is ValueType.ENUM:
                enum_name(prop)
        names = [f.outgoing_field for f in relationships_from(kind.name)] + [
            f.incoming_field for f in relationships_to(kind.name)
        ]
        clashes = {n for n in names if names.count(n) > 1}
        if clashes:
            raise AssertionError(f"{kind.name} has clashing relationship fields {sorted(clashes)}")
    for index in INDEXES:
        if index.property not in {p.name for p in kind_properties(KINDS_BY_NAME[index.label])}:
            raise AssertionError(f"index on {index.label}.{index.property}: no such property")


_check_consistency()


__all__ = [
    "AUDIT_LABEL",
    "CITATION_LABEL",
    "ENTITY_KINDS",
    "ENUMS",
    "ENUM_WORDS",
    "ENTITY_LABEL",
    "INDEXES",
    "KINDS_BY_NAME",
    "PREDICATE_BANDS",
    "RELATIONSHIPS_BY_NAME",
    "RELATIONSHIP_TYPES",
    "SEARCH_TERM_LABEL",
    "SOURCE_KIND",
    "EntityKind",
    "IndexDeclaration",
    "Property",
    "RelationshipType",
    "ValueType",
    "KIND_NOUNS",
    "kind_noun",
    "kind_nouns",
    "kind_of_labels",
    "relationship_words",
    "with_article",
    "words_for",
    "kind_properties",
    "relationship_properties",
    "relationships_from",
    "relationships_to",
]

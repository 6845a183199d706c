"""Compiles a filter input into the form api/translate writes as predicates: a pure step.

The result is disjunctive normal form: a list of groups, each a list of atoms; an entity
matches when every atom of some group holds. An atom is either a value test
(`kind: 'value'`, on the entity's `id`, normalised `name`, or a property by name) or a
relationship test (`kind: 'rel'`: does a relationship of `relType` in `direction` exist
whose properties and other end satisfy the atom's own `groups`). `negate` flips an atom;
`every` turns "some relationship matches" into "none fails", so `none`/`all` need no other
Cypher. Property names come from the generated inputs, hence from the ontology only.

Text: names compare through their stored normalised form (`search_terms`, case, accents
and punctuation ignored); other text is lower-cased and stripped of accents on both sides
(`fold`, the same table in Python and, as `$fold`, in Cypher), so the filter works the same
on Neo4j and ArcadeDB without APOC or a stored copy of every property.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import Enum
from functools import cache, reduce
from typing import Any

from graph_service.api.errors import LimitExceededError, UserInputError
from graph_service.api.filters.inputs import FIELD_SPECS, FieldSpec
from graph_service.ontology import ValueType
from graph_service.text_search import query_forms

MAX_ATOMS = 64
MAX_VALUES = 100

Atom = dict[str, Any]
Groups = list[list[Atom]]

_OPS = {"equals": "eq", "in_": "in", "gt": "gt", "gte": "gte", "lt": "lt", "lte": "lte"}
_TEXT_OPS = {"equals": "in", "in_": "in", "contains": "contains", "starts_with": "startsWith"}
_QUANTIFIERS = ("some", "none", "all")


@cache
def fold_table() -> list[list[str]]:
    """Pairs [accented, plain] for lower-case Latin letters, and combining marks to drop."""
    pairs = []
    for code in range(0xC0, 0x250):
        char = chr(code)
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if char.lower() == char and plain != char and plain.isascii() and plain:
            pairs.append([char, plain])
    pairs += [[chr(code), ""] for code in range(0x300, 0x370)]
    return pairs


def fold(text: str) -> str:
    """Lower case without accents, exactly as the Cypher side computes it."""
    return reduce(lambda s, pair: s.replace(pair[0], pair[1]), fold_table(), text.lower())


def compile_filter(value: Any) -> Groups | None:
    """The DNF parameter for a generated filter input (None: no filter)."""
    if value is None:
        return None
    return _groups(value)


def _size(groups: Groups) -> int:
    return sum(1 + (_size(a["groups"]) if a["kind"] == "rel" else 0) for g in groups for a in g)


def _check(groups: Groups) -> Groups:
    if _size(groups) > MAX_ATOMS:
        raise LimitExceededError(
            f"the filter is too large: it expands to more than {MAX_ATOMS} conditions; "
            "simplify it (e.g. use `in` rather than many `or` branches)"
        )
    return groups


def _and(parts: list[Groups]) -> Groups:
    result: Groups = [[]]
    for part in parts:
        result = _check([g + h for g in result for h in part])
    return result


def _negate(groups: Groups) -> Groups:
    """NOT (OR of ANDs) = AND of (OR of negated atoms)."""
    return _and([[[{**atom, "negate": not atom["negate"]}] for atom in g] for g in groups])


def _groups(value: Any) -> Groups:
    parts: list[Groups] = []
    for attr, spec in FIELD_SPECS[type(value).__name__].items():
        given = getattr(value, attr)
        if given is None:
            continue
        if spec.role == "and":
            parts.extend(_groups(v) for v in given)
        elif spec.role == "or":
            if not given:
                raise UserInputError("`or` needs at least one filter")
            parts.append(_check([g for v in given for g in _groups(v)]))
        elif spec.role == "not":
            parts.append(_negate(_groups(given)))
        elif spec.role == "relation":
            parts.extend(_relation(spec, given))
        elif spec.role == "node":
            parts.append(_groups(given))
        else:
            parts.extend([[atom]] for atom in _value_atoms(spec, given))
    return _and(parts)


def _relation(spec: FieldSpec, condition: Any) -> list[Groups]:
    assert spec.rel is not None
    quantified = [(q, getattr(condition, f"f_{q}")) for q in _QUANTIFIERS]
    quantified = [(q, edge) for q, edge in quantified if edge is not None]
    if not quantified:
        raise UserInputError(
            f"a condition on {spec.rel.name} needs `some`, `none` or `all` (e.g. "
            "`{some: {...}}`)"
        )
    return [
        [
            [
                _atom(
                    kind="rel",
                    negate=q != "some",
                    every=q == "all",
                    relType=spec.rel.name,
                    direction=spec.direction,
                    groups=_groups(edge),
                )
            ]
        ]
        for q, edge in quantified
    ]


def _atom(**fields: Any) -> Atom:
    atom: Atom = {
        "kind": "value",
        "negate": False,
        "source": None,
        "prop": None,
        "op": None,
        "value": None,
        "values": None,
        "list": False,
        "fold": False,
        "relType": None,
        "direction": None,
        "every": False,
        "groups": [],
    }
    atom.update(fields)
    return atom


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _value_atoms(spec: FieldSpec, operators: Any) -> list[Atom]:
    source = {"id": "id", "name": "name", "prop": "prop", "rel_prop": "rel"}[spec.role]
    prop = "id" if spec.prop is None else spec.prop.name
    is_text = spec.role == "name" or (
        spec.prop is not None and spec.prop.type in (ValueType.STRING, ValueType.STRING_LIST)
    )
    atoms = []
    for attr in ("equals", "in_", "contains", "starts_with", "gt", "gte", "lt", "lte"):
        given = getattr(operators, attr, None)
        if given is None:
            continue
        values = given if attr == "in_" else [given]
        if len(values) > MAX_VALUES:
            raise LimitExceededError(f"`in` takes at most {MAX_VALUES} values")
        common = {"source": source, "prop": prop}
        if is_text:
            texts = [_text_forms(spec, str(v), attr) for v in values]
            atoms.append(
                _atom(
                    **common,
                    op=_TEXT_OPS[attr],
                    values=[f for forms in texts for f in forms],
                    fold=spec.role != "name",
                    list=spec.prop is not None and spec.prop.type is ValueType.STRING_LIST,
                )
            )
        elif attr == "in_":
            atoms.append(_atom(**common, op="in", values=[_plain(v) for v in values]))
        else:
            atoms.append(_atom(**common, op=_OPS[attr], value=_plain(given)))
    return atoms


def _text_forms(spec: FieldSpec, text: str, attr: str) -> list[str]:
    forms = query_forms(text) if spec.role == "name" else [fold(text)]
    if attr in ("contains", "starts_with") and not forms[0]:
        wanted = "a letter or digit" if spec.role == "name" else "some text"
        raise UserInputError(f"`{_camel(attr)}` needs {wanted}")
    return forms


def _camel(attr: str) -> str:
    return "startsWith" if attr == "starts_with" else attr

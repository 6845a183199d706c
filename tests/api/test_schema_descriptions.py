"""Every type, field, argument and input field of the schema has a description."""

from __future__ import annotations

from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from graph_service.api.schema import build_schema

BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def _undescribed() -> list[str]:
    schema = build_schema()._schema
    missing: list[str] = []
    for name, gtype in schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not gtype.description:
            missing.append(f"type {name}")
        if isinstance(gtype, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in gtype.fields.items():
                if not field.description:
                    missing.append(f"field {name}.{field_name}")
                missing += [
                    f"argument {name}.{field_name}({arg_name})"
                    for arg_name, arg in field.args.items()
                    if not arg.description
                ]
        elif isinstance(gtype, GraphQLInputObjectType):
            missing += [
                f"input field {name}.{field_name}"
                for field_name, field in gtype.fields.items()
                if not field.description
            ]
    return missing


def test_every_type_field_and_argument_is_described() -> None:
    missing = _undescribed()
    assert missing == [], f"{len(missing)} undescribed, e.g. {missing[:20]}"

"""Subscriptions: what committed writes changed, published in-process to live clients."""

from graph_service.api.subscriptions.broker import ChangeBroker
from graph_service.api.subscriptions.changes import (
    EntityTouched,
    GraphChange,
    Notes,
    Operation,
    RelationshipTouched,
    relationship_by_id,
    touched,
)
from graph_service.api.subscriptions.subscription import build_subscription_type

__all__ = [
    "ChangeBroker",
    "EntityTouched",
    "GraphChange",
    "Notes",
    "Operation",
    "RelationshipTouched",
    "build_subscription_type",
    "relationship_by_id",
    "touched",
]

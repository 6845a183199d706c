"""Audit entries: who wrote what and when, written in the transaction of the write itself.

Entries are `AUDIT_LABEL` nodes with no relationships and no `Entity` label, so no entity
query, count or export ever meets them. Before and after are JSON strings of the stored
property maps (null when the thing did not exist before, or no longer exists after).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any

from graph_service.api.context import Principal
from graph_service.api.mutations.transaction import Transaction
from graph_service.api.subscriptions import changes
from graph_service.queries import query


def now() -> str:
    """Server time in UTC, fixed width so that the strings sort as the instants do."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def audit_entry(
    principal: Principal,
    operation: str,
    target_ids: Sequence[str],
    before: Any,
    after: Any,
    at: str,
) -> dict[str, Any]:
    entry_id = uuid.uuid4().hex
    entry = {
        "id": entry_id,
        "at": at,
        "subject": principal.subject,
        "operation": operation,
        "target_ids": list(target_ids),
        "before": _json(before),
        "after": _json(after),
    }
    changes.audited(entry_id, at)
    return {k: v for k, v in entry.items() if v is not None}


async def record(tx: Transaction, entries: Sequence[dict[str, Any]]) -> None:
    if entries:
        await tx.run(query("create_audit_entries"), entries=list(entries))

"""Who may write: the one place mutations and the audit log ask for a role.

Both delegate to authentication's `require_role`, which checks the role before any lookup,
so a client without it learns nothing about which ids exist (401 anonymous, 403 too low).
"""

from __future__ import annotations

from typing import Any

from graph_service.api.auth import ADMIN, EDITOR, require_role
from graph_service.api.context import Principal


def require_editor(info: Any) -> Principal:
    """The principal of a request that may write (editor or admin), or an auth error."""
    return require_role(info, EDITOR)


def require_admin(info: Any) -> Principal:
    """The principal of a request that may read the audit log, or an auth error."""
    return require_role(info, ADMIN)

"""Who did it: every row written through a store's session is stamped with the store's
user (`created_by` on insert, `updated_by` on insert and update).

The stamp is put on in one place, a `before_flush` listener, so that no service can
forget it. The user comes from the session's `info["user"]` (set by `Store`), itself from
the `user` setting, defaulting to the login name.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from relay_tui.models import Audited

_installed = False


def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    who = session.info.get("user")
    if not who:
        return
    for row in session.new:
        if isinstance(row, Audited):
            if not row.created_by:
                row.created_by = who
            row.updated_by = who
    for row in session.dirty:
        if isinstance(row, Audited) and session.is_modified(row, include_collections=False):
            row.updated_by = who


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", _stamp)
        _installed = True

"""`project.name_folded` kept right: each project's name as name resolution compares it
(`rules.folded_name`), indexed, so that `relay capture -p NAME` reads only the projects
whose name starts with NAME (migration 0011).

Derived data, outside the models (so neither exported, nor journaled, nor shown): every
project written through the ORM (created, renamed, brought back by undo or redo) gets
it here, right after its row, in the same transaction; `relay import json` fills it once
its rows are in (`fill_missing`). A row another program wrote without it (NULL) is still
found: the light lookup (`relay_tui.project_lookup`) reads such rows too.
"""

from __future__ import annotations

from typing import Any

from relay_tui.domain.rules import folded_name

#: The one write of the column (the ORM's rows and the import's).
_SET = "UPDATE project SET name_folded = :folded WHERE id = :id"

_installed = False


def _after_insert(_mapper: Any, connection: Any, target: Any) -> None:
    from sqlalchemy import text

    connection.execute(text(_SET), {"folded": folded_name(target.name), "id": target.id})


def _after_update(mapper: Any, connection: Any, target: Any) -> None:
    from sqlalchemy import inspect

    if inspect(target).attrs.name.history.has_changes():  # renamed (or put back by undo)
        _after_insert(mapper, connection, target)


def install() -> None:
    """Listen on the project rows the ORM writes (idempotent)."""
    global _installed
    if _installed:
        return
    from sqlalchemy import event

    from relay_tui.models import Project

    event.listen(Project, "after_insert", _after_insert)
    event.listen(Project, "after_update", _after_update)
    _installed = True


def fill_missing(connection: Any) -> int:
    """Fold the names of the projects that have no folded name yet (rows inserted
    without the ORM: an import); how many were filled."""
    from sqlalchemy import text

    rows = connection.execute(text("SELECT id, name FROM project WHERE name_folded IS NULL")).all()
    if rows:
        connection.execute(
            text(_SET), [{"folded": folded_name(name), "id": pid} for pid, name in rows]
        )
    return len(rows)

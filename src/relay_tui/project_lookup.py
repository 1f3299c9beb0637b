"""The projects a `-p` may name, read through the folded-name index: light (no
SQLAlchemy), for the fast capture paths on any DB-API connection (sqlite3, psycopg),
and the very statement the services run (`services.common.project_refs`).

Only the candidate rows are read (those whose folded name starts with the name typed,
the one with that id, or the active ones), then `rules.resolve_project` chooses among
them exactly as it does among every project: the rules stay in one place. Rows come in
id order, so a message naming several is the same whichever rows were read.
Hand-written for speed: on 10,000 projects, reading them all was most of a capture's
time above the bare insert. `tests/services/test_folded_names.py` proves the choice (or
the refusal, word for word) the same as the rules' over every project, on both stores.
"""

from __future__ import annotations

from relay_tui import sqltext
from relay_tui.domain import rules

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

#: The comparisons that follow code points, per kind of store (see sqltext.PROJECTS_NAMED).
_SQLITE = {"ge": ">=", "lt": "<"}
_SERVER = {"ge": "~>=~", "lt": "~<~"}


def for_server(sql: str) -> str:
    """A statement written with `?` marks, for psycopg (`%s`). The statements passed
    here hold no other `?` nor `%`."""
    return sql.replace("?", "%s")


def statement(ref: str | None, *, server: bool = False) -> tuple[str, tuple[object, ...]]:
    """The query of the projects `ref` may name, and its parameters, for the driver of
    the store (sqlite3's `?`, psycopg's `%s`); its rows are (id, name, status). The
    services run the very same (`services.common.project_refs`)."""
    sql, params = _query(ref, server)
    return (for_server(sql) if server else sql), params


def refs(rows: Iterable[Sequence[object]]) -> list[rules.ProjectRef]:
    """The rows of `statement` as the rules take them."""
    return [
        rules.ProjectRef(id=row[0], name=row[1], active=row[2] == "active")  # type: ignore[arg-type]
        for row in rows
    ]


def candidates(conn: object, ref: str | None, *, server: bool = False) -> list[rules.ProjectRef]:
    """The projects among which `ref` is resolved (`rules.resolve_project`), read on a
    DB-API connection."""
    sql, params = statement(ref, server=server)
    return refs(conn.execute(sql, params).fetchall())  # type: ignore[attr-defined]


def resolve(conn: object, ref: str | None, *, server: bool = False) -> rules.ProjectRef:
    return rules.resolve_project(ref, candidates(conn, ref, server=server))


def _query(ref: str | None, server: bool) -> tuple[str, tuple[object, ...]]:
    wanted = (ref or "").strip()
    if not wanted:
        return sqltext.PROJECTS_ACTIVE, ()
    if rules.is_digits(wanted):
        number = int(wanted)
        # Beyond 64 bits no row has it (and the driver would refuse the number).
        return sqltext.PROJECT_BY_ID, (number if rules.id_in_range(number) else -1,)
    folded = rules.folded_name(wanted)
    if not folded.isascii():
        try:
            folded.encode()
        except UnicodeEncodeError:  # bytes that are not UTF-8, from argv: stored nowhere
            return sqltext.PROJECTS_UNFOLDED, ()
    compare = _SERVER if server else _SQLITE
    above = rules.above_prefix(folded)
    if above is None:
        return sqltext.PROJECTS_NAMED_FROM.format(**compare), (folded,)
    return sqltext.PROJECTS_NAMED.format(**compare), (folded, above)

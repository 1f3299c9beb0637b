"""`relay capture` on a PostgreSQL store, through psycopg alone: no SQLAlchemy, SQLModel,
pydantic, Alembic or Textual (importing them and checking the migrations cost most of a
capture's time on a server store).

The same checks (`fastcapture.checked`), the same project lookup
(`relay_tui.project_lookup`, through the folded-name index), the same row and the same
undo step as the SQLite fast path and the services; tests run the comparisons on both
kinds of store. A store that is not at the newest migration (new, older, newer) is left
to the full path, which creates, upgrades or refuses it: `capture` returns None then.
"""

from __future__ import annotations

from datetime import UTC, datetime

from relay_tui import interrupts, project_lookup
from relay_tui.errors import Conflict
from relay_tui.fastcapture import (
    FORGET_OLD_STEPS,
    INSERT_CONTACT,
    INSERT_UNDO_STEP,
    Captured,
    checked,
    undo_step,
)
from relay_tui.i18n import tr
from relay_tui.terms import UNDO_STEPS_KEPT
from relay_tui.who import current_user

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from relay_tui.db import StoreLocation

#: The SQLAlchemy URLs this path reads (psycopg 3, or no driver named, when it is the
#: one installed); any other driver goes through the full path.
_SCHEMES = ("postgresql+psycopg://", "postgresql://", "postgres://")

#: Where the store's schema version is (Alembic's table).
_REVISION = "SELECT version_num FROM alembic_version"

#: As the full path's engine: a server that does not answer is reported after 10 s.
CONNECT_TIMEOUT = 10


def conninfo(url: str) -> str | None:
    """The libpq connection URI of a SQLAlchemy URL this path can use, else None."""
    for scheme in _SCHEMES:
        if url.startswith(scheme):
            return "postgresql://" + url[len(scheme) :]
    return None


def can_capture(location: StoreLocation) -> bool:
    """Whether the store is a server's this path can write to (psycopg is installed)."""
    if location.path is not None or conninfo(location.url) is None:
        return False
    from importlib.util import find_spec

    return find_spec("psycopg") is not None


def capture(
    location: StoreLocation,
    *,
    text: str,
    project: str | None = None,
    channel: str | None = None,
    direction: str = "out",
    awaiting: bool = False,
    at: str | None = None,
    now: datetime | None = None,
    user: str | None = None,
) -> Captured | None:
    """Write one contact; None (nothing written) when the store is not at the newest
    migration, or its URL holds options libpq does not know: the full path is taken."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    who = current_user(user)
    summary, channel_value, direction_value, moment = checked(
        text, channel, direction, awaiting, at, now
    )
    import psycopg

    from relay_tui.db import HEAD_REVISION

    info = conninfo(location.url)
    assert info is not None
    try:
        conn = psycopg.connect(info, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.ProgrammingError:  # a URL option of SQLAlchemy's, not libpq's
        return None
    except psycopg.Error as exc:
        raise _explained(exc, location) from None
    try:
        if _revision(conn) != HEAD_REVISION:
            conn.rollback()
            return None
        try:
            chosen = project_lookup.resolve(conn, project, server=True)
            new_id = conn.execute(
                project_lookup.for_server(INSERT_CONTACT) + " RETURNING id",
                (
                    chosen.id,
                    moment,
                    channel_value,
                    direction_value,
                    summary,
                    awaiting,
                    False,
                    now,
                    who,
                    who,
                ),
            ).fetchone()[0]  # type: ignore[index]
            step_summary, rows = undo_step(new_id)
            conn.execute(
                project_lookup.for_server(INSERT_UNDO_STEP), (now, who, step_summary, rows)
            )
            conn.execute(project_lookup.for_server(FORGET_OLD_STEPS), (who, who, UNDO_STEPS_KEPT))
            with interrupts.held():  # Ctrl+C: "contact #N was saved", if it was
                conn.commit()
                interrupts.saved(interrupts.record_name("contact", new_id))
        except BaseException:
            if not conn.closed:
                conn.rollback()
            raise
    except psycopg.Error as exc:
        raise _explained(exc, location) from None
    finally:
        conn.close()
    return Captured(
        id=new_id,
        project_id=chosen.id,
        project_name=chosen.name,
        at=moment,
        channel=channel_value,
        direction=direction_value,
        awaiting_reply=awaiting,
    )


def _revision(conn: object) -> str | None:
    """The store's schema version; None for a database relay has not set up yet."""
    import psycopg

    try:
        row = conn.execute(_REVISION).fetchone()  # type: ignore[attr-defined]
    except psycopg.errors.UndefinedTable:
        conn.rollback()  # type: ignore[attr-defined]
        return None
    return None if row is None else str(row[0])  # the capture goes on in this transaction


def _explained(exc: BaseException, location: StoreLocation) -> Exception:
    """A server's refusal as the full path says it (`db.Store._explained`)."""
    import psycopg

    if isinstance(exc, psycopg.IntegrityError):
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return Conflict(tr("refused by the store: {problem}", problem=first))
    from relay_tui.server_errors import explain_server_error

    return explain_server_error(exc, location)

"""The store: where it lives, how it is opened, and how its schema is kept current.

SQLite stores get WAL, foreign keys, a busy timeout and synchronous FULL, a data
directory created 0700 and a file created 0600. The schema is managed by the Alembic
migrations shipped in `relay_tui/migrations`, applied automatically on open; checking
that an SQLite store is current reads its revision with `sqlite3` and does not import
Alembic (nor SQLAlchemy).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from relay_tui import interrupts
from relay_tui.errors import StoreError, one_line, shown_path
from relay_tui.files import make_private_dirs, user_path  # noqa: F401  (re-exported)
from relay_tui.i18n import tr
from relay_tui.sqlite_files import (  # noqa: F401  (re-exported: db is where callers look)
    APPLICATION_ID,
    backup_sqlite,
    check_sqlite_file,
    dated_backup_path,
    explain_sqlite_error,
    mark_sqlite_store,
    not_a_relay_store,
    prepare_sqlite_file,
    relay_revisions,
    repair_side_files,
    sqlite_connect,
    sqlite_has_user_tables,
    sqlite_revision,
    writable,
)

TYPE_CHECKING = False  # typing is not imported: this module is on the fast capture path
if TYPE_CHECKING:
    from typing import Any

    from sqlalchemy.engine import Engine
    from sqlmodel import Session

#: The newest migration. A test checks it against the migration scripts.
HEAD_REVISION = "0013_deadline_margin_start"
ENV_VAR = "RELAY_DB"
DB_FILENAME = "relay.db"


class StoreLocation:
    """Where the store is: a SQLAlchemy URL, and for SQLite files their path."""

    __slots__ = ("path", "url")

    def __init__(self, url: str, path: Path | None = None) -> None:
        self.url = url
        self.path = path

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoreLocation) and (self.url, self.path) == (other.url, other.path)

    def __hash__(self) -> int:
        return hash((self.url, self.path))

    def __repr__(self) -> str:
        return f"StoreLocation({self.describe()!r})"

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def describe(self) -> str:
        return shown_path(self.path) if self.path is not None else _hide_password(self.url)


def default_db_path() -> Path:
    from relay_tui.userdirs import user_data_dir

    return user_data_dir() / DB_FILENAME


def resolve_location(
    value: str | None = None, environ: dict[str, str] | os._Environ[str] | None = None
) -> StoreLocation:
    """`--db` first, then `RELAY_DB`, then the platformdirs user data directory."""
    environ = os.environ if environ is None else environ
    raw = value or environ.get(ENV_VAR) or ""
    raw = raw.strip()
    if not raw:
        return location_for_path(default_db_path())
    if "://" in raw:
        if raw.startswith("sqlite"):
            _, _, rest = raw.partition(":///")
            if not rest or rest.startswith(":memory:"):
                raise StoreError(
                    tr("db: an in-memory SQLite store would lose everything; give a file")
                )
            return location_for_path(Path(rest.split("?", 1)[0]))
        return StoreLocation(url=raw)
    return location_for_path(Path(raw))


def location_for_path(path: Path) -> StoreLocation:
    path = user_path(path, "db")
    return StoreLocation(url=f"sqlite:///{path}", path=path)


def known_revision(revision: str | None, where: str) -> None:
    """Refuse a store whose schema comes from a newer relay (a colleague upgraded first,
    or a copy made elsewhere): this relay cannot read it, and must not touch it."""
    if revision is None or revision == HEAD_REVISION:
        return
    if revision not in relay_revisions():
        raise StoreError(
            tr(
                "{where} was set up by a newer relay (its schema is {schema}); "
                "update relay to use it: nothing was changed",
                where=where,
                schema=one_line(revision)[:60],
            )
        )


def ensure_sqlite_current(path: Path, on_backup: Callable[[Path], None] | None = None) -> None:
    """Create or upgrade the SQLite store at `path` so it is at HEAD_REVISION."""
    connect_current(path, on_backup=on_backup).close()


def connect_current(
    path: Path, on_backup: Callable[[Path], None] | None = None
) -> sqlite3.Connection:
    """An open raw connection to the SQLite store at `path`, created or upgraded first.

    Fast when the store is current (one query, no Alembic). Before upgrading a store that
    holds data, a dated backup is written next to it and reported through `on_backup`.
    """
    prepare_sqlite_file(path)
    marked = check_sqlite_file(path)  # before any statement: another program's file is left
    repair_side_files(path)
    try:
        conn = sqlite_connect(path)
    except sqlite3.Error as exc:
        raise explain_sqlite_error(exc, path) from None
    try:
        revision = sqlite_revision(conn)
        if revision == HEAD_REVISION:
            if not marked and writable(path):
                mark_sqlite_store(conn)  # a store from before the mark
            return conn
        known_revision(revision, shown_path(path))
        if revision is None and sqlite_has_user_tables(conn):
            raise not_a_relay_store(path, tr("its tables are not relay's"))
        if revision is not None:
            backup = backup_sqlite(conn, dated_backup_path(path))
            if on_backup is not None:
                on_backup(backup)
    except sqlite3.Error as exc:
        conn.close()
        raise explain_sqlite_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    conn.close()
    engine = create_sqlalchemy_engine(location_for_path(path))
    try:
        run_migrations(engine)
    finally:
        engine.dispose()
    conn = sqlite_connect(path)
    try:
        mark_sqlite_store(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise explain_sqlite_error(exc, path) from None
    return conn


# --- SQLAlchemy -----------------------------------------------------------------------


def create_sqlalchemy_engine(location: StoreLocation) -> Engine:
    """An engine with relay's connection rules (pragmas, explicit BEGIN on SQLite)."""
    from sqlalchemy import create_engine, event

    if location.is_sqlite:
        path = location.path
        assert path is not None
        # Its connections are made as every other (read-only stores included).
        engine = create_engine(location.url, creator=lambda: sqlite_connect(path))

        @event.listens_for(engine, "begin")
        def _on_begin(conn: object) -> None:
            options = conn.get_execution_options()  # type: ignore[attr-defined]
            statement = "BEGIN IMMEDIATE" if options.get("relay_write") else "BEGIN"
            conn.exec_driver_sql(statement)  # type: ignore[attr-defined]

        return engine
    try:
        if location.url.startswith("postgresql"):
            # A server that does not answer is reported after 10 s, not waited on forever.
            return create_engine(
                location.url, pool_pre_ping=True, connect_args={"connect_timeout": 10}
            )
        return create_engine(location.url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        fields = {"store": location.describe(), "driver": repr(exc.name)}
        if location.url.startswith("postgresql"):
            message = tr(
                "db: cannot use {store}: the driver {driver} is not installed "
                "(install the PostgreSQL extra: pip install 'relay-tui[postgres]')",
                **fields,
            )
        else:
            message = tr("db: cannot use {store}: the driver {driver} is not installed", **fields)
        raise StoreError(message) from None
    except Exception as exc:  # unknown dialect, malformed URL
        raise StoreError(
            tr(
                "db: cannot use {store}: {problem}",
                store=location.describe(),
                problem=_first_line(exc),
            )
        ) from None


def run_migrations(engine: Engine) -> None:
    """Upgrade the store to the newest migration (imports Alembic)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    from relay_tui.team_role import shared_schema  # a team's store: run as its group role

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with (
        engine.execution_options(relay_write=True).begin() as connection,
        shared_schema(connection),
    ):
        current = MigrationContext.configure(connection).get_current_revision()
        known_revision(current, tr("this store"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """An open store: an engine plus short read and write sessions."""

    def __init__(
        self, location: StoreLocation, engine: Engine | None = None, user: str | None = None
    ) -> None:
        self.location = location
        #: Who writes through this store: stamped on every row written (`relay_tui.audit`).
        self.user = user
        #: Whether writes are journaled for undo (`relay_tui.journal`); off while the
        #: sample data is seeded (nothing of the user's to take back).
        self.journaling = True
        #: Called after each write is committed with the names of the tables it touched
        #: (the calendar file kept current: `relay_tui.services.calendar_file`). A
        #: failure there never undoes the write: each says what went wrong itself.
        self.after_write: list[Callable[[frozenset[str]], None]] = []
        self._engine = engine
        self._write = None if engine is None else engine.execution_options(relay_write=True)

    @property
    def engine(self) -> Engine:
        """Created on first use: SQLAlchemy costs a fifth of a second to import, and the
        app's first screen reads through `dbapi()` without it."""
        if self._engine is None:
            self._engine = create_sqlalchemy_engine(self.location)
        return self._engine

    @property
    def _write_engine(self) -> Engine:
        if self._write is None:
            self._write = self.engine.execution_options(relay_write=True)
        return self._write

    @contextmanager
    def dbapi(self) -> Iterator[object]:
        """A plain DB-API connection for light, literal-only read queries."""
        if self.location.path is not None:
            conn = sqlite_connect(self.location.path)
            try:
                yield conn
            except sqlite3.Error as exc:
                raise explain_sqlite_error(exc, self.location.path) from None
            finally:
                conn.close()
            return
        raw = self.engine.raw_connection()
        try:
            yield raw
        finally:
            raw.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session_class = _session_class()
        with self._explained(), session_class(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction, committed at the end of the block (BEGIN IMMEDIATE on SQLite)."""
        from relay_tui.backup_due import before_write

        before_write(self.location.path)  # today's checked backup first (relay_tui.backups)
        session_class = _session_class()
        with (
            self._explained(),
            session_class(
                self._write_engine,
                expire_on_commit=False,
                info={"user": self.who(), "journal": self.journaling},
            ) as session,
        ):
            transaction = session.begin()
            try:
                yield session
            except BaseException:
                transaction.rollback()
                raise
            # The commit and its record are one step for Ctrl+C (relay_tui.interrupts):
            # an interrupted command says what was saved, never "nothing" when it was.
            with interrupts.held():
                transaction.commit()
                interrupts.saved(*session.info.get("written", {}))
            touched = frozenset(session.info.get("tables", ()))
        if touched and self.after_write:
            self._after_write(touched)

    def _after_write(self, touched: frozenset[str]) -> None:
        for follow in self.after_write:
            try:
                follow(touched)
            except Exception:  # the write stands; the follower said why
                continue

    def who(self) -> str:
        """The user stamped on what this store writes: the `user` setting, else the login
        name."""
        if not self.user:
            from relay_tui.who import current_user

            self.user = current_user(None)
        return self.user

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Database failures become one clear `StoreError` (or `Conflict`)."""
        from sqlalchemy.exc import DBAPIError, IntegrityError
        from sqlalchemy.orm.exc import StaleDataError

        from relay_tui.errors import Conflict

        try:
            yield
        except StaleDataError:
            raise Conflict(
                tr(
                    "someone else changed this record since it was read; reload it and make "
                    "the change again"
                ),
                "version",
            ) from None
        except OverflowError:  # an integer beyond 64 bits bound to a query: an id, surely
            # (the input models bound every other number). A refusal like a constraint's,
            # so that an import reports it as an inconsistent file.
            raise Conflict(
                tr(
                    "refused by the store: a number beyond 64 bits (ids stop at {largest})",
                    largest=9223372036854775807,
                ),
                "id",
            ) from None
        except IntegrityError as exc:
            raise Conflict(
                tr("refused by the store: {problem}", problem=_first_line(exc.orig or exc))
            ) from None
        except DBAPIError as exc:
            if self.location.is_sqlite:
                raise explain_sqlite_error(exc.orig or exc, self.location.path) from None
            from relay_tui.server_errors import explain_server_error

            raise explain_server_error(exc.orig or exc, self.location) from None

    def raw_sqlite(self) -> sqlite3.Connection:
        if self.location.path is None:
            raise StoreError(tr("this operation needs a SQLite store"))
        return sqlite_connect(self.location.path)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


_SESSION_CLASS: type[Session] | None = None


def _session_class() -> type[Session]:
    """The session class of the stores (made on first use: SQLModel is imported late).

    Its `get` is the one guard of ids for every service: an integer no store can hold
    (beyond 64 bits) finds nothing, as an unknown id does, instead of making the driver
    raise OverflowError. Each service then refuses it as it refuses an unknown id,
    naming its own field.
    """
    global _SESSION_CLASS
    if _SESSION_CLASS is None:
        from sqlalchemy import event, inspect
        from sqlmodel import Session

        from relay_tui import audit, folded_names, journal
        from relay_tui.domain.rules import id_in_range
        from relay_tui.models import Audited

        audit.install()
        journal.install()
        folded_names.install()

        @event.listens_for(Session, "after_flush")
        def _written(session: Session, _context: object) -> None:
            """What a write changes, named as messages name it (`interrupts`)."""
            written = session.info.setdefault("written", {})  # a dict keeps the order
            # The tables this write touches, for `Store.after_write` (deleted rows too).
            tables = session.info.setdefault("tables", set())
            tables.update(
                row.__tablename__  # type: ignore[attr-defined]
                for row in (*session.new, *session.dirty, *session.deleted)
                if isinstance(row, Audited)
            )
            for row in (*session.new, *session.dirty):
                if not isinstance(row, Audited):  # the user's records (not the undo journal)
                    continue
                key = inspect(row).mapper.primary_key_from_instance(row)
                name = row.__tablename__  # type: ignore[attr-defined]
                written[interrupts.record_name(name, key[0] if len(key) == 1 else key)] = None

        class RelaySession(Session):
            def get(self, entity: Any, ident: Any, **options: Any) -> Any:
                keys = (
                    ident.values()
                    if isinstance(ident, dict)
                    else (ident if isinstance(ident, tuple) else (ident,))
                )
                if any(isinstance(key, int) and not id_in_range(key) for key in keys):
                    return None
                return super().get(entity, ident, **options)

        _SESSION_CLASS = RelaySession
    return _SESSION_CLASS


def open_store(
    location: StoreLocation,
    *,
    on_backup: Callable[[Path], None] | None = None,
    user: str | None = None,
) -> Store:
    """Open (creating or upgrading if needed) the store at `location`; what is written
    through it is stamped with `user` (default: the login name)."""
    if location.is_sqlite:
        assert location.path is not None
        ensure_sqlite_current(location.path, on_backup=on_backup)
        return Store(location, user=user)
    engine = create_sqlalchemy_engine(location)
    try:
        run_migrations(engine)
    except StoreError:
        raise
    except Exception as exc:
        engine.dispose()
        from relay_tui.server_errors import explain_server_error

        raise explain_server_error(getattr(exc, "orig", None) or exc, location) from None
    return Store(location, engine, user=user)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else url

"""The team role of a PostgreSQL store: the group role that owns relay's schema.

`relay team setup` (see `services.team`) makes a group role (NOLOGIN, `relay_team` by
default) the owner of the schema relay's tables live in, and grants it to each person's
login. Every migration then runs as that role (`SET LOCAL ROLE`, for the migration's
transaction only), so the tables, sequences and indexes it creates belong to the team and
not to whoever happened to open relay first: every member can read and write them, and
any member can run the next upgrade.

The role is read from the schema itself, so nothing has to be configured on each
person's machine: it is the owner of the current schema when that owner is a group role
(not a login, not a superuser, not one of PostgreSQL's `pg_` roles) that the login is a
member of. A store set up by one login for itself (its tables owned by that login, the
schema owned by the database owner) has no team role, and is opened as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from relay_tui.errors import StoreError, one_line
from relay_tui.i18n import tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: The group role `relay team setup` creates unless told another name.
DEFAULT_ROLE = "relay_team"

#: The owner of the current schema, and whether it is a team role the login may act as
#: (from PostgreSQL 16, a membership may withhold SET ROLE: it must allow it).
SCHEMA_OWNER_SQL = """
SELECT current_schema(), r.rolname, session_user, g.is_group,
       g.is_group AND r.rolname <> current_user AND pg_has_role(current_user, r.oid,
           CASE WHEN current_setting('server_version_num')::int >= 160000 THEN 'SET'
                ELSE 'MEMBER' END)
FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner,
     LATERAL (SELECT NOT r.rolcanlogin AND NOT r.rolsuper
                     AND NOT starts_with(r.rolname, 'pg_') AS is_group) g
WHERE n.nspname = current_schema()
"""


def quoted(name: str) -> str:
    """A role or schema name as an SQL identifier, whatever it holds."""
    return '"' + name.replace('"', '""') + '"'


def team_role(connection: Connection) -> tuple[str, str | None, str | None]:
    """(the login; the team role it acts as in this store, or None; the team role of the
    store when the login is not in it, or None)."""
    row = connection.exec_driver_sql(SCHEMA_OWNER_SQL).first()
    if row is None:  # no schema on the search path: the migration will say so
        return str(connection.exec_driver_sql("SELECT session_user").scalar_one()), None, None
    _schema, owner, login, is_group, acts = row
    if acts:
        return str(login), str(owner), None
    return str(login), None, (str(owner) if is_group and owner != login else None)


@contextmanager
def shared_schema(connection: Connection) -> Iterator[None]:
    """Run what the block does (the migrations) as the store's team role, if it has one.

    `SET LOCAL ROLE` lasts until the end of the transaction: the connection goes back to
    the pool as the login it was. A refusal for lack of rights (a store set up for one
    login, opened by another) becomes one line saying what to do.
    """
    if connection.dialect.name != "postgresql":
        yield
        return
    login, role, outside = team_role(connection)
    if role is not None:
        connection.exec_driver_sql(f"SET LOCAL ROLE {quoted(role)}")
    try:
        yield
    except Exception as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) != "42501":
            raise  # 42501: insufficient_privilege
        detail = one_line((str(exc.orig).strip().splitlines() or [""])[0])  # type: ignore[attr-defined]
        if outside is not None:
            option = "" if outside == DEFAULT_ROLE else f" --role {outside}"
            command = f"relay team add-member URL {login}{option}"
            message = tr(
                "the login {login} may not change this store ({detail}): whoever runs the "
                "server should add it to the team: {command} (docs/team.md)",
                login=login,
                detail=detail,
                command=command,
            )
        else:
            command = f"`relay team setup URL --member {login}`"
            message = tr(
                "the login {login} may not change this store ({detail}): whoever runs the "
                "server should run {command} (docs/team.md)",
                login=login,
                detail=detail,
                command=command,
            )
        raise StoreError(message) from None

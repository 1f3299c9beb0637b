"""Setting up a PostgreSQL store for a team: one group role owns relay's schema.

`setup_team` creates the group role (NOLOGIN), grants it to each member's login, and
hands it the current schema and everything relay already created there (tables, their
sequences and indexes, views, types, functions). From then on every migration runs as
that role (`relay_tui.team_role`), whichever member opens relay first or upgrades it
later. `add_members` grants the role to more logins.

Everything happens in one transaction: a login without the rights gets one line and the
server is left as it was. Running it again changes only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relay_tui.db import Store, create_sqlalchemy_engine, resolve_location
from relay_tui.errors import InvalidInput, RelayError, StoreError, one_line
from relay_tui.i18n import tr
from relay_tui.server_errors import explain_server_error
from relay_tui.team_role import DEFAULT_ROLE, SCHEMA_OWNER_SQL, quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: Longest role name PostgreSQL keeps (NAMEDATALEN - 1 bytes).
_MAX_NAME = 63

#: Relations of the schema not owned by the role (a table's own sequences and indexes
#: follow its owner, and may not be handed over alone).
_RELATIONS_SQL = """
SELECT c.relname, c.relkind FROM pg_class c
WHERE c.relnamespace = to_regnamespace(current_schema())
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND c.relowner <> to_regrole(%(role)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
ORDER BY c.relkind <> 'S', c.relname
"""
_TYPES_SQL = """
SELECT t.typname FROM pg_type t
WHERE t.typnamespace = to_regnamespace(current_schema()) AND t.typtype IN ('e', 'd', 'r')
  AND t.typowner <> to_regrole(%(role)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                  AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY t.typname
"""
_FUNCTIONS_SQL = """
SELECT p.oid::regprocedure::text, p.prokind FROM pg_proc p
WHERE p.pronamespace = to_regnamespace(current_schema()) AND p.proowner <> to_regrole(%(role)s)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1
"""
_ALTER = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW",
          "f": "FOREIGN TABLE", "S": "SEQUENCE"}  # fmt: skip


def is_shared(store: Store) -> bool:
    """Whether several people write to this store: a store on a server (see docs/team.md:
    a freelancer's own store is a SQLite file on one machine). The screens name who
    wrote what only on a shared store: alone, it is always you."""
    return not store.location.is_sqlite


@dataclass
class TeamReport:
    """What `setup_team` or `add_members` found and did."""

    role: str
    database: str
    schema: str
    created: bool = False
    added: list[str] = field(default_factory=list)
    #: Every login in the role once done, by name.
    members: list[str] = field(default_factory=list)
    #: Who owned the schema before it was handed to the role (None: it already was).
    schema_was: str | None = None
    #: How many tables, views, sequences, types and functions were handed to the role.
    handed: int = 0
    #: Members who do not inherit the role's rights (PostgreSQL before 16, NOINHERIT).
    no_inherit: list[str] = field(default_factory=list)


def check_role_name(name: str, what: str) -> str:
    """A role name as PostgreSQL keeps it: not empty, at most 63 bytes, printable."""
    if not name or not name.strip() or not name.isprintable():
        raise InvalidInput(tr("{name} is not a role name", name=repr(one_line(name))), what)
    if len(name.encode()) > _MAX_NAME:
        raise InvalidInput(
            tr(
                "{name} is longer than {most} bytes",
                name=one_line(name)[:70],
                most=_MAX_NAME,
            ),
            what,
        )
    return name


def setup_team(url: str, role: str = DEFAULT_ROLE, members: list[str] | None = None) -> TeamReport:
    """Create the group role if missing, grant it to `members`, hand it the schema and
    what is in it."""
    return _run(url, role, members or [], create=True)


def add_members(url: str, members: list[str], role: str = DEFAULT_ROLE) -> TeamReport:
    """Grant an existing team role to more logins."""
    return _run(url, role, members, create=False)


def _run(url: str, role: str, members: list[str], *, create: bool) -> TeamReport:
    check_role_name(role, "role")
    for member in members:
        check_role_name(member, "member")
    location = resolve_location(url)
    if not location.url.startswith("postgresql"):
        raise InvalidInput(tr("team setup is for a PostgreSQL store (postgresql+psycopg://...)"))
    engine = create_sqlalchemy_engine(location)
    try:
        with engine.begin() as connection:
            return _apply(connection, role, list(dict.fromkeys(members)), create=create)
    except RelayError:
        raise
    except Exception as exc:
        orig = getattr(exc, "orig", None) or exc
        if getattr(orig, "sqlstate", None) == "42501":  # insufficient_privilege
            detail = one_line((str(orig).strip().splitlines() or [""])[0])
            raise InvalidInput(
                tr(
                    "your login may not do this ({detail}): run it as a superuser or the "
                    "database owner with CREATEROLE; nothing was changed",
                    detail=detail,
                )
            ) from None
        raise explain_server_error(orig, location) from None
    finally:
        engine.dispose()


def _apply(connection: Connection, role: str, members: list[str], *, create: bool) -> TeamReport:
    def one(sql: str, **params: object) -> tuple:  # type: ignore[type-arg]
        return tuple(connection.exec_driver_sql(sql, params).one())

    login, superuser, createrole, version, database = one(
        "SELECT current_user, rolsuper, rolcreaterole, current_setting('server_version_num')"
        "::int, current_database() FROM pg_roles WHERE rolname = current_user"
    )
    if not (superuser or createrole):
        raise InvalidInput(
            tr(
                "the login {login} may not create or grant roles (it lacks CREATEROLE): run "
                "`relay team` as the server's administrator; nothing was changed",
                login=login,
            )
        )
    owner_row = connection.exec_driver_sql(SCHEMA_OWNER_SQL).first()
    if owner_row is None:
        raise StoreError(
            tr("the search path names no schema of this database; nothing was changed")
        )
    schema, schema_owner = str(owner_row[0]), str(owner_row[1])
    report = TeamReport(role=role, database=str(database), schema=schema)
    existing = connection.exec_driver_sql(
        "SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = %(role)s", {"role": role}
    ).first()
    if existing is not None and existing[0]:
        raise InvalidInput(
            tr("{role} is a login, not a group: choose another name", role=role), "role"
        )
    if existing is None and not create:
        raise InvalidInput(
            tr(
                "there is no team role {role} on this server: run `relay team setup` first",
                role=role,
            ),
            "role",
        )
    _check_members(connection, role, members)
    name = quoted(role)
    if existing is None:
        connection.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")
        report.created = True
    if create and not superuser:
        # Handing the schema to the role takes being able to act as it.
        _grant(connection, role, login, version, report=None)
    for member in members:
        _grant(connection, role, member, version, report=report)
    if create:
        if schema_owner != role:
            connection.exec_driver_sql(f"ALTER SCHEMA {quoted(schema)} OWNER TO {name}")
            report.schema_was = schema_owner
        report.handed = _hand_over(connection, role)
    report.members = [
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT DISTINCT r.rolname FROM pg_auth_members m JOIN pg_roles r"
            " ON r.oid = m.member WHERE m.roleid = to_regrole(%(role)s) ORDER BY r.rolname",
            {"role": name},
        )
    ]
    return report


def _check_members(connection: Connection, role: str, members: list[str]) -> None:
    for member in members:
        row = connection.exec_driver_sql(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = %(name)s", {"name": member}
        ).first()
        if row is None:
            raise InvalidInput(
                tr(
                    "there is no login {member} on this server: create it first "
                    "(createuser --pwprompt {member}); nothing was changed",
                    member=member,
                ),
                "member",
            )
        if member == role or not row[0]:
            raise InvalidInput(
                tr("{member} is not a login: give each person's login", member=member), "member"
            )


def _grant(
    connection: Connection, role: str, member: str, version: int, report: TeamReport | None
) -> None:
    # From PostgreSQL 16 a membership may come without the role's rights or SET ROLE (the
    # ADMIN OPTION its creator gets, for one): only one with both counts.
    usable = " AND m.inherit_option AND m.set_option" if version >= 160000 else ""
    row = connection.exec_driver_sql(
        "SELECT r.rolinherit, EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid"
        f" AND m.roleid = to_regrole(%(role)s){usable}) FROM pg_roles r"
        " WHERE r.rolname = %(member)s",
        {"role": quoted(role), "member": member},
    ).one()
    inherits, is_member = bool(row[0]), bool(row[1])
    if not is_member:
        options = " WITH INHERIT TRUE, SET TRUE" if version >= 160000 else ""
        connection.exec_driver_sql(f"GRANT {quoted(role)} TO {quoted(member)}{options}")
        if report is not None:
            report.added.append(member)
    if report is not None and version < 160000 and not inherits:
        report.no_inherit.append(member)


def _hand_over(connection: Connection, role: str) -> int:
    """Make the role the owner of every table, view, sequence, type and function of the
    schema; how many were handed over."""
    params = {"role": quoted(role)}
    name = quoted(role)
    count = 0
    for relname, kind in connection.exec_driver_sql(_RELATIONS_SQL, params).all():
        connection.exec_driver_sql(f"ALTER {_ALTER[kind]} {quoted(relname)} OWNER TO {name}")
        count += 1
    for (typname,) in connection.exec_driver_sql(_TYPES_SQL, params).all():
        connection.exec_driver_sql(f"ALTER TYPE {quoted(typname)} OWNER TO {name}")
        count += 1
    for signature, kind in connection.exec_driver_sql(_FUNCTIONS_SQL, params).all():
        what = "PROCEDURE" if kind == "p" else ("AGGREGATE" if kind == "a" else "FUNCTION")
        connection.exec_driver_sql(f"ALTER {what} {signature} OWNER TO {name}")
        count += 1
    return count

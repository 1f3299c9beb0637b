"""A team on one PostgreSQL store, set up as docs/team.md says: whoever opens relay first,
everyone else can use what it created, and any member can upgrade it.

The administrator's commands are read from docs/team.md and run as written, with the
test server's address and names of their own (databases and roles are shared by the
whole cluster): the document cannot drift from what is tested.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from relay_tui.db import HEAD_REVISION
from tests.conftest import POSTGRES_ENV, _admin_execute, run_relay

DOC = Path(__file__).resolve().parents[2] / "docs" / "team.md"
#: The names docs/team.md uses, and what each becomes on the test server.
DOC_DATABASE, DOC_ADMIN, DOC_PEOPLE = "relay", "postgres", ("ann", "bob", "carol")
SCHEMA_OWNER = "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public'"


def _doc_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Setting up the shared store")
    return text[start : text.index("\n## ", start + 1)]


def _doc_block(marker: str) -> list[str]:
    """The command lines of the fenced bash block of the setup section holding `marker`."""
    blocks = re.findall(r"```bash\n(.*?)```", _doc_section(), flags=re.S)
    [block] = [b for b in blocks if marker in b]
    return [line.strip() for line in block.splitlines() if line.strip()]


def _doc_member_url() -> str:
    [url] = re.findall(r'export RELAY_DB="([^"]+)"', _doc_section())
    return url


@dataclass
class Team:
    """One throwaway database and its logins on the test server."""

    admin: str  # the server's maintenance URL, as its superuser
    database: str
    role: str
    names: dict[str, str]  # a name in docs/team.md -> the name here

    @property
    def port_env(self) -> dict[str, str]:
        """Where createdb and createuser find the server (libpq's variables)."""
        from sqlalchemy.engine import make_url

        url = make_url(self.admin)
        return {
            "PGHOST": url.host or "",
            "PGPORT": str(url.port or 5432),
            "PGUSER": url.username or "",
            "PGDATABASE": url.database or "postgres",
        }

    def url(self, login: str, database: str | None = None) -> str:
        """A member's URL, as in docs/team.md but on the test server."""
        from sqlalchemy.engine import make_url

        return (
            make_url(self.admin)
            .set(username=login, database=database or self.database)
            .render_as_string(hide_password=False)
        )

    def doc_url(self, text: str) -> str:
        """A URL of docs/team.md, pointed at the test server and this team's names."""
        from sqlalchemy.engine import make_url

        url = make_url(text)
        admin = make_url(self.admin)
        user = admin.username if url.username == DOC_ADMIN else self.names[str(url.username)]
        return self.url(str(user), self.names[str(url.database)])

    def run_doc_line(self, line: str) -> subprocess.CompletedProcess[str]:
        """One command of docs/team.md, run against the test server."""
        argv = shlex.split(line, comments=True)
        program, args = argv[0], argv[1:]
        if program in ("createdb", "createuser"):
            # The test server trusts its logins: no password to prompt for (on a terminal).
            args = [self.names.get(a, a) for a in args if a != "--pwprompt"]
            binary = _client_program(program)
            return subprocess.run(
                [binary, *args],
                capture_output=True,
                text=True,
                env={**os.environ, **self.port_env},
                timeout=60,
            )
        assert program == "relay", line
        args = [self.doc_url(a) if "://" in a else self.names.get(a, a) for a in args]
        # The group role is shared by the whole cluster: each test has its own.
        return run_relay(*args, "--role", self.role)

    def relay(self, login: str, *args: str) -> subprocess.CompletedProcess[str]:
        """relay run by one person, with RELAY_DB as docs/team.md says."""
        return run_relay(*args, env={"RELAY_DB": self.url(login)})

    def query(self, sql: str) -> list[tuple[object, ...]]:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url(_admin_login(self.admin)), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.exec_driver_sql(sql)]
        finally:
            engine.dispose()


def _admin_login(admin: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(admin).username)


def _client_program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        if not candidates:
            pytest.skip(f"the PostgreSQL client program {name} is not installed")
        found = str(candidates[-1])
    return found


@pytest.fixture
def team() -> Iterator[Team]:
    admin = os.environ.get(POSTGRES_ENV, "").strip()
    if not admin:
        pytest.skip(f"PostgreSQL half: set {POSTGRES_ENV} (see README, Tests)")
    tag = uuid.uuid4().hex[:10]
    names = {person: f"{person}_{tag}" for person in DOC_PEOPLE}
    names[DOC_DATABASE] = f"relay_team_db_{tag}"
    made = Team(admin=admin, database=names[DOC_DATABASE], role=f"relay_team_{tag}", names=names)
    yield made
    logins = ", ".join([*(names[p] for p in DOC_PEOPLE), made.role, f"admin_{tag}"])
    _admin_execute(
        admin,
        f"DROP DATABASE IF EXISTS {made.database} WITH (FORCE)",
        f"DROP ROLE IF EXISTS {logins}",
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def _owners(team: Team) -> set[object]:
    """Who owns the tables, sequences and indexes of the store."""
    return {
        row[0]
        for row in team.query(
            "SELECT DISTINCT relowner::regrole::text FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace"
        )
    }


def _bob_writes_and_reads(team: Team) -> None:
    bob = team.names["bob"]
    _ok(team.relay(bob, "client", "add", "Marie Lambert"))
    _ok(team.relay(bob, "project", "add", "Bakery website", "--client", "Marie"))
    _ok(team.relay(bob, "capture", "Sent the quote", "-p", "Bakery"))
    clients = json.loads(_ok(team.relay(bob, "client", "list", "--json")))["clients"]
    assert [c["name"] for c in clients] == ["Marie Lambert"]
    projects = json.loads(_ok(team.relay(bob, "project", "list", "--json")))["projects"]
    assert [p["name"] for p in projects] == ["Bakery website"]
    contacts = json.loads(_ok(team.relay(bob, "contact", "list", "--json")))["contacts"]
    assert [c["summary"] for c in contacts] == ["Sent the quote"]


def test_the_documented_setup_lets_everyone_use_what_the_first_one_created(team: Team) -> None:
    for line in _doc_block("relay team setup"):
        _ok(team.run_doc_line(line))
    ann, _bob, carol = (team.names[p] for p in DOC_PEOPLE)
    assert team.doc_url(_doc_member_url()) == team.url(ann)

    # Ann opens relay first: the tables are created, and belong to the team.
    _ok(team.relay(ann, "client", "list"))
    assert _owners(team) == {team.role}
    _bob_writes_and_reads(team)
    assert "Marie Lambert" in _ok(team.relay(ann, "client", "list"))

    # Someone joins later, as the document says.
    for line in _doc_block("add-member"):
        _ok(team.run_doc_line(line))
    assert "Bakery website" in _ok(team.relay(carol, "project", "list"))


def test_a_later_upgrade_can_be_run_by_any_member(team: Team) -> None:
    for line in _doc_block("relay team setup"):
        _ok(team.run_doc_line(line))
    ann, bob = team.names["ann"], team.names["bob"]
    _ok(team.relay(ann, "client", "add", "Marie Lambert"))
    # As if the store had been made by an older relay: two migrations back, by Ann.
    from alembic import command
    from alembic.config import Config

    import relay_tui.db as db

    engine = db.create_sqlalchemy_engine(db.resolve_location(team.url(ann)))
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0004_read_indexes")
    finally:
        engine.dispose()
    # Bob's relay upgrades it (new columns, a new index on Ann's table) and writes.
    assert "Marie Lambert" in _ok(team.relay(bob, "client", "list"))
    assert team.query("SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert _owners(team) == {team.role}
    _ok(team.relay(bob, "client", "add", "Paul Martin"))


def test_the_old_instructions_locked_bob_out_and_setup_repairs_it(team: Team) -> None:
    ann, bob = team.names["ann"], team.names["bob"]
    env = {**os.environ, **team.port_env}
    for argv in (
        ["createdb", team.database],
        ["createuser", ann],
        ["createuser", bob],
        ["psql", "-d", team.database, "-c", f"GRANT ALL ON SCHEMA public TO {ann}, {bob}"],
    ):
        done = subprocess.run(
            [_client_program(argv[0]), *argv[1:]], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
    _ok(team.relay(ann, "client", "list"))  # the tables are Ann's
    refused = team.relay(bob, "client", "add", "Marie Lambert")
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"relay: error: the login {bob} may not change this store")
    assert "relay team setup" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert team.query("SELECT count(*) FROM client") == [(0,)]

    [setup] = [line for line in _doc_block("relay team setup") if "team setup" in line]
    out = _ok(team.run_doc_line(setup))
    assert f"Schema public: now owned by {team.role}" in out
    assert "existing tables" in out
    _bob_writes_and_reads(team)


def test_setup_twice_changes_nothing_the_second_time(team: Team) -> None:
    for line in _doc_block("relay team setup"):
        _ok(team.run_doc_line(line))
    [setup] = [line for line in _doc_block("relay team setup") if "team setup" in line]
    again = _ok(team.run_doc_line(setup))
    ann, bob = team.names["ann"], team.names["bob"]
    assert again.splitlines() == [
        f"Team role {team.role}: already there (database {team.database})",
        f"Members of {team.role}: {', '.join(sorted([ann, bob]))}",
    ]


def test_a_login_that_may_not_create_roles_is_refused_and_nothing_changes(team: Team) -> None:
    ann = team.names["ann"]
    _admin_execute(team.admin, f"CREATE DATABASE {team.database}", f"CREATE ROLE {ann} LOGIN")
    before = team.query(SCHEMA_OWNER)
    result = run_relay("team", "setup", team.url(ann), "--member", ann, "--role", team.role)
    assert result.returncode == 2
    assert result.stderr == (
        f"relay: error: the login {ann} may not create or grant roles (it lacks CREATEROLE): "
        "run `relay team` as the server's administrator; nothing was changed\n"
    )
    assert team.query(f"SELECT 1 FROM pg_roles WHERE rolname = '{team.role}'") == []
    assert team.query(SCHEMA_OWNER) == before


def test_an_unknown_member_is_refused_before_anything_is_done(team: Team) -> None:
    _admin_execute(team.admin, f"CREATE DATABASE {team.database}")
    before = team.query(SCHEMA_OWNER)
    result = run_relay(
        "team", "setup", team.url(_admin_login(team.admin)), "--member", "nobody_here_x",
        "--role", team.role,
    )  # fmt: skip
    assert result.returncode == 2
    assert "there is no login nobody_here_x on this server" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert team.query(f"SELECT 1 FROM pg_roles WHERE rolname = '{team.role}'") == []
    assert team.query(SCHEMA_OWNER) == before


def test_a_database_owner_with_createrole_can_set_it_up(team: Team) -> None:
    """A managed server has no superuser for you: its administrator login owns the
    database and may create roles."""
    admin = f"admin_{team.role.rsplit('_', 1)[1]}"
    ann, bob = team.names["ann"], team.names["bob"]
    _admin_execute(
        team.admin,
        f"CREATE ROLE {admin} LOGIN CREATEROLE",
        f"CREATE DATABASE {team.database} OWNER {admin}",
        f"CREATE ROLE {ann} LOGIN",
        f"CREATE ROLE {bob} LOGIN",
    )
    out = _ok(
        run_relay(
            "team", "setup", team.url(admin), "--member", ann, "--member", bob,
            "--role", team.role,
        )
    )  # fmt: skip
    assert f"(just added: {ann}, {bob})" in out
    _ok(team.relay(ann, "client", "list"))
    _bob_writes_and_reads(team)


def test_a_refusal_half_way_leaves_the_server_as_it_was(team: Team) -> None:
    """A login that may create roles but does not own the database: the role it made and
    the grants are undone with the refusal (one transaction)."""
    admin = f"admin_{team.role.rsplit('_', 1)[1]}"
    ann = team.names["ann"]
    _admin_execute(
        team.admin,
        f"CREATE ROLE {admin} LOGIN CREATEROLE",
        f"CREATE DATABASE {team.database}",
        f"CREATE ROLE {ann} LOGIN",
    )
    before = team.query(SCHEMA_OWNER)
    result = run_relay("team", "setup", team.url(admin), "--member", ann, "--role", team.role)
    assert result.returncode == 2
    assert result.stderr.startswith("relay: error: your login may not do this (must be owner")
    assert result.stderr.endswith("; nothing was changed\n")
    assert len(result.stderr.splitlines()) == 1
    assert team.query(f"SELECT 1 FROM pg_roles WHERE rolname = '{team.role}'") == []
    assert team.query(SCHEMA_OWNER) == before


def test_a_store_of_one_login_is_opened_as_before(team: Team) -> None:
    ann = team.names["ann"]
    _admin_execute(
        team.admin, f"CREATE ROLE {ann} LOGIN", f"CREATE DATABASE {team.database} OWNER {ann}"
    )
    _ok(team.relay(ann, "client", "add", "Marie Lambert"))
    assert _owners(team) == {ann}


@pytest.mark.parametrize("where", ["{tmp}/relay.db", "sqlite:///{tmp}/relay.db"])
def test_a_sqlite_store_is_refused(tmp_path: Path, where: str) -> None:
    target = where.format(tmp=tmp_path)
    result = run_relay("team", "setup", target, "--member", "ann")
    assert result.returncode == 2
    assert result.stderr == (
        "relay: error: team setup is for a PostgreSQL store (postgresql+psycopg://...)\n"
    )
    assert not (tmp_path / "relay.db").exists()


def test_the_sqlite_example_of_cli_md_is_what_relay_prints(tmp_path: Path) -> None:
    text = (DOC.parent / "cli.md").read_text(encoding="utf-8")
    section = text[text.index("### team setup") : text.index("### team add-member")]
    [(command, printed, status)] = re.findall(
        r"\$ relay (team setup /tmp/docs-demo/relay\.db[^\n]*)\n(.*?)\n\[exit (\d)\]", section
    )
    result = run_relay(*shlex.split(command.replace("/tmp/docs-demo", str(tmp_path))))
    assert (result.returncode, result.stderr.strip()) == (int(status), printed)

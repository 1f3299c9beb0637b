"""Generate a large, realistic relay store for the benchmarks.

    python benchmarks/generate.py OUT.db [--projects 1000] [--contacts 100000]
                                         [--deadlines 10000] [--seed 1] [--force]

The store is created and migrated by `relay_tui.db.open_store`, then filled with bulk
inserts (sqlite3 `executemany`, one transaction per table; never one ORM object per row):
about a third as many clients as projects, projects over the three phases (80 % active,
the rest closed), contacts over the last two years in both directions with some still
awaiting a reply, deadlines with margins and predecessors in the same project, risks,
commitments and time entries. Values are written as the models store them: instants in
the format of `relay_tui.domain.parsing.db_timestamp`, dates in ISO, times as SQLAlchemy
writes them on SQLite, booleans 0/1, enumerations by their `relay_tui.vocab` value.

Dates are relative to today, so a store generated today describes "now"; the seed makes
everything else reproducible. Other scripts call `generate(path, ...)`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from relay_tui.db import location_for_path, open_store  # noqa: E402
from relay_tui.domain.parsing import db_timestamp  # noqa: E402
from relay_tui.terms import CHASE_DELAY_DEFAULT  # noqa: E402
from relay_tui.vocab import (  # noqa: E402
    Channel,
    CommitmentStatus,
    DeadlineKind,
    Direction,
    Party,
    Phase,
    ProjectKind,
    ProjectStatus,
    RiskCategory,
    RiskStatus,
    TimeCategory,
)

HISTORY_DAYS = 730  # contacts span the last two years
ACTIVE_SHARE = 0.80
RISKS_PER_PROJECT = 3  # on average
COMMITMENTS_PER_PROJECT = 4  # on average
TIME_ENTRIES_PER_PROJECT = 20  # on average

FIRST_NAMES = [
    "Marie",
    "Karim",
    "Sofia",
    "Tom",
    "Léa",
    "Hugo",
    "Nadia",
    "Paul",
    "Inès",
    "Lucas",
    "Emma",
    "Omar",
    "Chloé",
    "Jonas",
    "Anna",
    "Youssef",
    "Clara",
    "Mehdi",
    "Julie",
    "Noah",
    "Sarah",
    "Louis",
    "Amira",
    "Victor",
    "Zoé",
    "Adam",
    "Camille",
    "Elias",
    "Maya",
    "Ivan",
]
LAST_NAMES = [
    "Lambert",
    "Haddad",
    "Rossi",
    "Becker",
    "Martin",
    "Dubois",
    "Moreau",
    "Laurent",
    "Garcia",
    "Petit",
    "Roux",
    "Fontaine",
    "Chevalier",
    "Mercier",
    "Blanc",
    "Guerin",
    "Muller",
    "Schmidt",
    "Novak",
    "Costa",
    "Silva",
    "Jensen",
    "Nguyen",
    "Kowalski",
    "Bernard",
    "Durand",
    "Leroy",
    "Girard",
    "Bonnet",
    "Lefebvre",
]
ORG_WORDS = [
    "Atelier",
    "Studio",
    "Boulangerie",
    "Maison",
    "Collectif",
    "Agence",
    "Théâtre",
    "Librairie",
    "Cabinet",
    "Galerie",
    "Association",
    "Festival",
    "Brasserie",
    "Fondation",
    "Compagnie",
    "Éditions",
]
PROJECT_NOUNS = [
    "website",
    "logo",
    "catalogue",
    "festival",
    "poster",
    "identity",
    "shop",
    "app",
    "brochure",
    "album",
    "exhibition",
    "newsletter",
    "rebrand",
    "signage",
    "menu",
    "packaging",
    "campaign",
    "documentary",
    "portfolio",
    "booklet",
]
PROJECT_ADJ = [
    "spring",
    "autumn",
    "new",
    "annual",
    "summer",
    "winter",
    "online",
    "local",
    "grand",
    "small",
    "anniversary",
    "travelling",
    "weekend",
    "pilot",
]
CONTACT_OUT = (
    "Sent the first draft for review",
    "Asked for the missing photos",
    "Sent the quote, waiting for the signature",
    "Reminder: we still need the texts",
    "Shared the updated schedule",
    "Proposed two options for the layout",
    "Sent the invoice",
    "Asked for a decision on the colours",
)
#: What a few contacts also mention (RARE_SHARE of them): the rare words of a search.
RARE_NOTES = (
    "the zeppelin mock-up",
    "a quokka mascot",
    "the marquetry sample",
    "the harpsichord recital",
)
RARE_SHARE = 0.0001

CONTACT_IN = (
    "Called, happy with the draft, small changes on page 2",
    "Sent the logos and the brand guide",
    "Validated the layout",
    "Asked to move the delivery by a week",
    "Meeting: new requirements for the shop page",
    "Replied with comments on the texts",
    "Paid the deposit",
    "Asked for an extra poster format",
)
DEADLINE_TITLES = {
    DeadlineKind.documents: ("Texts from the client", "Photos from the client", "Brand assets"),
    DeadlineKind.validation: ("Validation of the mock-ups", "Sign-off of the texts", "Go/no-go"),
    DeadlineKind.delivery: ("First delivery", "Final delivery", "Print files"),
    DeadlineKind.checkpoint: ("Weekly checkpoint", "Mid-project review", "Kick-off"),
    DeadlineKind.other: ("Invoice due", "Venue visit", "Printer slot"),
}
RISK_TITLES = (
    "Client late with the contents",
    "Scope keeps growing",
    "Unpaid deposit",
    "Event date cannot move",
    "Decision maker unreachable",
    "Printer capacity in December",
    "Legal review of the images",
    "New technology for me",
)
COMMITMENT_TEXTS = (
    (Party.client, "Send all the texts before the layout starts"),
    (Party.client, "Answer within two working days"),
    (Party.client, "One person signs off each deliverable"),
    (Party.provider, "Weekly status email on Fridays"),
    (Party.provider, "Two rounds of changes included"),
    (Party.provider, "Deliver the source files at the end"),
)


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _instant(moment: datetime) -> str:
    """`db_timestamp(moment)` for an aware UTC instant, without its conversions (about
    four times faster; `_check_formats` proves both agree)."""
    return moment.isoformat(" ", "microseconds")[:26]


def _check_formats() -> None:
    samples = (
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    )
    for moment in samples:
        assert _instant(moment) == db_timestamp(moment), (_instant(moment), db_timestamp(moment))
    assert _clock(clock_time(9, 0)) == "09:00:00.000000"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _clock(value: clock_time | None) -> str | None:
    # SQLAlchemy's SQLite TIME storage format.
    return None if value is None else value.strftime("%H:%M:%S.%f")


def _skewed_choice(rng: random.Random, ids: Sequence[int], weights: Sequence[float], k: int):
    return rng.choices(ids, cum_weights=list(_cumulate(weights)), k=k)


def _cumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _check_columns(table_name: str, rows: list[dict[str, Any]]) -> None:
    """Every column the model requires is present, and no column is unknown."""
    from relay_tui.models import ALL_TABLES

    table = next(t.__table__ for t in ALL_TABLES if t.__tablename__ == table_name)  # type: ignore[attr-defined]
    names = set(rows[0])
    unknown = names - set(table.columns.keys())
    required = {
        c.name
        for c in table.columns
        if not c.nullable and not c.primary_key and c.server_default is None
    }
    missing = required - names
    if unknown or missing:
        raise SystemExit(f"{table_name}: unknown columns {unknown}, missing columns {missing}")


def _bulk_insert(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    _check_columns(table, rows)
    columns = list(rows[0])
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
    )
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _fold_names(conn: Any, projects: list[dict[str, Any]]) -> None:
    """Each project's folded name, as relay keeps it (`relay_tui.folded_names`: derived,
    outside the models, so not among the rows above)."""
    from relay_tui.domain.rules import folded_name

    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "UPDATE project SET name_folded = ? WHERE id = ?",
            [(folded_name(row["name"]), row["id"]) for row in projects],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def build_rows(
    projects: int,
    contacts: int,
    deadlines: int,
    seed: int,
    now: datetime | None = None,
    time_entries: int | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table, in insertion order (parents first), ids assigned."""
    _check_formats()
    rng = random.Random(seed)
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    today = now.astimezone().date()
    history_start = now - timedelta(days=HISTORY_DAYS)
    n_clients = max(1, round(projects / 3))
    n_time = TIME_ENTRIES_PER_PROJECT * projects if time_entries is None else time_entries
    channels = [c.value for c in Channel]

    # --- clients ------------------------------------------------------------------
    client_rows = []
    for cid in range(1, n_clients + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        org = f"{rng.choice(ORG_WORDS)} {last}" if rng.random() < 0.7 else None
        created = history_start - timedelta(days=rng.randint(0, 365), seconds=rng.randint(0, 86399))
        client_rows.append(
            {
                "id": cid,
                "name": f"{first} {last} {cid}",
                "organisation": org,
                "email": f"{first.lower()}.{last.lower()}{cid}@example.org"
                if rng.random() < 0.9
                else None,
                "phone": f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
                f" {rng.randint(10, 99)}"
                if rng.random() < 0.6
                else None,
                "channel": rng.choice(channels) if rng.random() < 0.8 else None,
                "notes": "",
                "created_at": _instant(created),
            }
        )

    # --- projects -------------------------------------------------------------------
    project_rows = []
    spans: dict[int, tuple[datetime, datetime]] = {}  # when each project had contacts
    for pid in range(1, projects + 1):
        active = rng.random() < ACTIVE_SHARE
        created = history_start + timedelta(seconds=rng.randint(0, HISTORY_DAYS * 86400 - 86400))
        if active:
            phase = rng.choices([Phase.before, Phase.during, Phase.after], weights=[25, 60, 15])[0]
            closed_at = None
            end = now
        else:
            phase = Phase.after
            lifetime = timedelta(days=rng.randint(30, 240))
            closed_at = min(created + lifetime, now - timedelta(days=1))
            if closed_at <= created:
                closed_at = created + timedelta(hours=1)
            end = closed_at
        spans[pid] = (created, end)
        start_on = created.astimezone().date() + timedelta(days=rng.randint(0, 14))
        delivery_on = (
            start_on + timedelta(days=rng.randint(30, 300)) if rng.random() < 0.85 else None
        )
        signed = (
            start_on - timedelta(days=rng.randint(0, 10))
            if phase != Phase.before or rng.random() < 0.3
            else None
        )
        project_rows.append(
            {
                "id": pid,
                "name": f"{rng.choice(PROJECT_ADJ).capitalize()} {rng.choice(PROJECT_NOUNS)} {pid}",
                "client_id": rng.randint(1, n_clients),
                "kind": rng.choices([k.value for k in ProjectKind], weights=[50, 25, 10, 15])[0],
                "phase": phase.value,
                "status": (ProjectStatus.active if active else ProjectStatus.closed).value,
                "start_on": _day(start_on),
                "delivery_on": _day(delivery_on),
                "budget_minutes": rng.randrange(600, 12000, 60) if rng.random() < 0.7 else None,
                "chase_delay_days": rng.choice([CHASE_DELAY_DEFAULT] * 4 + [1, 3, 5, 7]),
                "client_accountable": _flag(rng.choice([True, False, None])),
                "event_bound": _flag(rng.choice([True, False, None])),
                "partial_delivery_ok": _flag(rng.choice([True, False, None])),
                "working_method": rng.choice(["", "", "Weekly iterations", "Fixed scope"]),
                "cycle_days": rng.choice([None, None, 7, 14]),
                "contract_signed_on": _day(signed),
                "closed_at": _instant(closed_at) if closed_at else None,
                "close_reason": "" if active else rng.choice(["Delivered", "Cancelled", ""]),
                "created_at": _instant(created),
            }
        )

    # --- contacts: busy projects have many, quiet ones few (log-normal weights) -----
    project_ids = list(range(1, projects + 1))
    weights = [rng.lognormvariate(0, 1) for _ in project_ids]
    contact_pids = _skewed_choice(rng, project_ids, weights, contacts)
    drafts = []
    for pid in contact_pids:
        start, end = spans[pid]
        start = max(start, history_start)
        seconds = max(1, int((end - start).total_seconds()))
        at = start + timedelta(seconds=rng.randint(0, seconds))
        outbound = rng.random() < 0.55
        awaiting = outbound and rng.random() < 0.30
        drafts.append(
            (
                at,
                pid,
                outbound,
                awaiting,
                awaiting and rng.random() < 0.15,
                rng.choice(channels),
                rng.choice(CONTACT_OUT if outbound else CONTACT_IN),
            )
        )
    # A few contacts mention something rare (a handful per 100,000), so that a search for
    # a rare word has a handful of hits (benchmarks/scale.py). Their own random stream:
    # every other value stays what it was.
    rare_rng = random.Random(seed * 7919 + 17)
    for index, draft in enumerate(drafts):
        if rare_rng.random() < RARE_SHARE:
            drafts[index] = (*draft[:6], f"{draft[6]}; {rare_rng.choice(RARE_NOTES)}")
    drafts.sort(key=lambda d: d[0])  # ids grow with time, as when logged live
    contact_rows = [
        {
            "id": cid,
            "project_id": pid,
            "at": _instant(at),
            "channel": channel,
            "direction": (Direction.outbound if outbound else Direction.inbound).value,
            "summary": summary,
            "awaiting_reply": int(awaiting),
            "is_chase": int(chase),
            "created_at": _instant(min(at + timedelta(minutes=rng.randint(0, 90)), now)),
        }
        for cid, (at, pid, outbound, awaiting, chase, channel, summary) in enumerate(drafts, 1)
    ]

    # --- deadlines: per project, in date order, some chained to the previous one ------
    per_project: dict[int, int] = dict.fromkeys(project_ids, 0)
    for pid in rng.choices(project_ids, k=deadlines):
        per_project[pid] += 1
    deadline_rows = []
    next_id = 1
    kinds = list(DeadlineKind)
    for pid in project_ids:
        count = per_project[pid]
        if not count:
            continue
        start, end = spans[pid]
        active = end == now
        first_day = start.astimezone().date()
        last_day = (today + timedelta(days=rng.randint(14, 300))) if active else end.date()
        span_days = max(1, (last_day - first_day).days)
        dues = sorted(first_day + timedelta(days=rng.randint(0, span_days)) for _ in range(count))
        previous: int | None = None
        for due_on in dues:
            kind = rng.choice(kinds)
            margin = rng.choice([0, 0, 1, 2, 2, 3, 5, 7, 14])
            if not active:
                done_on: date | None = min(today, due_on + timedelta(days=rng.randint(-3, 3)))
            elif due_on < today:
                # Old deadlines are nearly all done; recent ones are often still open.
                recent = (today - due_on).days <= 21
                done_on = (
                    min(today, due_on + timedelta(days=rng.randint(-5, margin + 3)))
                    if rng.random() < (0.7 if recent else 0.99)
                    else None
                )
            else:
                done_on = today - timedelta(days=rng.randint(0, 3)) if rng.random() < 0.05 else None
            deadline_rows.append(
                {
                    "id": next_id,
                    "project_id": pid,
                    "title": rng.choice(DEADLINE_TITLES[kind]),
                    "kind": kind.value,
                    "owner": (
                        Party.client
                        if kind in (DeadlineKind.documents, DeadlineKind.validation)
                        else Party.provider
                    ).value,
                    "due_on": _day(due_on),
                    "due_time": _clock(clock_time(rng.choice([9, 12, 17]), 0))
                    if rng.random() < 0.2
                    else None,
                    "margin_days": margin,
                    "after_id": previous if previous is not None and rng.random() < 0.3 else None,
                    "done_on": _day(done_on),
                    "created_at": _instant(start + timedelta(minutes=rng.randint(1, 600))),
                }
            )
            previous = next_id
            next_id += 1

    # --- risks and commitments ----------------------------------------------------------
    risk_rows = []
    commitment_rows = []
    risk_statuses = [s.value for s in RiskStatus]
    for pid in project_ids:
        start, end = spans[pid]
        active = end == now
        for _ in range(rng.randint(0, 2 * RISKS_PER_PROJECT)):
            review = today + timedelta(days=rng.randint(-30, 60)) if rng.random() < 0.4 else None
            risk_rows.append(
                {
                    "project_id": pid,
                    "title": rng.choice(RISK_TITLES),
                    "category": rng.choice([c.value for c in RiskCategory]),
                    "probability": rng.randint(1, 5),
                    "impact": rng.randint(1, 5),
                    "mitigation": rng.choice(["", "Written in the contract", "Plan B agreed"]),
                    "owner": rng.choice(["", "me", "client"]),
                    "status": rng.choices(risk_statuses, weights=[60, 20, 10, 10])[0]
                    if active
                    else RiskStatus.closed.value,
                    "review_on": _day(review),
                    "created_at": _instant(start + timedelta(hours=rng.randint(1, 72))),
                }
            )
        for position in range(rng.randint(0, 2 * COMMITMENTS_PER_PROJECT)):
            party, text = rng.choice(COMMITMENT_TEXTS)
            commitment_rows.append(
                {
                    "project_id": pid,
                    "party": party.value,
                    "text": text,
                    "status": rng.choices(
                        [s.value for s in CommitmentStatus], weights=[60, 30, 5, 5]
                    )[0],
                    "due_on": None,
                    "note": "",
                    "position": position,
                    "created_at": _instant(start + timedelta(hours=rng.randint(1, 72))),
                }
            )

    # --- time entries -----------------------------------------------------------------
    time_rows = []
    categories = [c.value for c in TimeCategory]
    for pid in _skewed_choice(rng, project_ids, weights, n_time):
        start, end = spans[pid]
        moment = start + timedelta(
            seconds=rng.randint(0, max(1, int((end - start).total_seconds())))
        )
        time_rows.append(
            {
                "project_id": pid,
                "spent_on": _day(moment.astimezone().date()),
                "minutes": rng.randrange(15, 480, 15),
                "category": rng.choices(categories, weights=[70, 10, 15, 5])[0],
                "note": "",
                "created_at": _instant(moment),
            }
        )
    time_rows.sort(key=lambda r: r["created_at"])

    return {
        "client": client_rows,
        "project": project_rows,
        "contact": contact_rows,
        "deadline": deadline_rows,
        "risk": risk_rows,
        "commitment": commitment_rows,
        "time_entry": time_rows,
    }


def generate(
    path: Path | str,
    projects: int = 1000,
    contacts: int = 100_000,
    deadlines: int = 10_000,
    seed: int = 1,
    *,
    force: bool = False,
    verbose: bool = False,
) -> dict[str, int]:
    """Create the store at `path` and fill it. Returns the row count of each table."""
    path = Path(path).expanduser().absolute()
    if path.exists() and path.stat().st_size:
        if not force:
            raise FileExistsError(f"{path} already exists (use --force to replace it)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    store = open_store(location_for_path(path))
    try:
        if verbose:
            print(f"  {'migrations':<12} {'':>8}       {_ms(started):7.0f} ms")
        started = time.perf_counter()
        tables = build_rows(projects, contacts, deadlines, seed)
        if verbose:
            print(f"  {'random rows':<12} {'':>8}       {_ms(started):7.0f} ms")
        conn = store.raw_sqlite()
        try:
            for name, rows in tables.items():
                started = time.perf_counter()
                _bulk_insert(conn, name, rows)
                if verbose:
                    print(f"  {name:<12} {len(rows):>8} rows  {_ms(started):7.0f} ms")
            _fold_names(conn, tables["project"])
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        _verify(store)
    finally:
        store.close()
    return {name: len(rows) for name, rows in tables.items()}


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _verify(store: Any) -> None:
    """Read a row of each kind back through the models: the stored values are theirs."""
    from sqlmodel import select

    from relay_tui.models import Client, Contact, Deadline, Project, Risk, TimeEntry

    with store.read() as session:
        for model in (Client, Project, Contact, Deadline, Risk, TimeEntry):
            row = session.exec(select(model).limit(1)).first()
            if row is None:
                continue
            for column in model.__table__.columns:  # type: ignore[attr-defined]
                name = column.key
                value = getattr(row, name)
                if name.endswith("_at") and value is not None:
                    assert isinstance(value, datetime) and value.tzinfo is not None, (model, name)
                if name.endswith("_on") and value is not None:
                    assert isinstance(value, date), (model, name, value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the store to create")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--deadlines", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace an existing store")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        counts = generate(
            args.out,
            args.projects,
            args.contacts,
            args.deadlines,
            args.seed,
            force=args.force,
            verbose=True,
        )
    except FileExistsError as exc:
        print(exc, file=sys.stderr)
        return 1
    spent = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    total = sum(counts.values())
    print(f"{total} rows written to {args.out} ({size:.1f} MB) in {spent:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

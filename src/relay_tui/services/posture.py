"""Posture cards per project: the situations that hold (`domain.situations`), less the
cards the user put away (`domain.posture.visible`), and putting one away.

The reads go through the plain DB-API connection with literal SQL, as the dashboard's
(`services.dashboard`): the first screen shows the cards without importing the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from relay_tui.db import Store
from relay_tui.domain import posture as cards
from relay_tui.domain import stored
from relay_tui.domain.situations import (
    CLIENT_KINDS,
    PROMISE_NEAR_DELIVERY_DAYS,
    PROMISE_SOON_DAYS,
    TENSE_CHASES,
    BellFact,
    ChangeFact,
    CommitmentFact,
    IncidentFact,
    ProjectFacts,
    over_since,
    situations,
    time_calls_for_card,
)
from relay_tui.i18n import tr
from relay_tui.services.dashboard import (
    Read,
    _rows,
    as_date,
    chunks,
    reader,
)

#: Called between the steps of a long read (see `dashboard_posture`).
Between = Callable[[], None]


@dataclass(frozen=True)
class CardView:
    """A card that shows for a project: its title and text translated, and why."""

    project_id: int
    project: str
    key: str
    title: str
    text: str
    reason: str
    since: date


@dataclass(frozen=True)
class ProjectPosture:
    """The cards of one project, and its delivery date (the forms' "promise" warnings)."""

    cards: list[CardView] = field(default_factory=list)
    delivery_on: date | None = None


@dataclass(frozen=True)
class DashboardPosture:
    """The cards across active projects, most pressing first; when none shows, the card
    of the day (None without an active project)."""

    cards: list[CardView] = field(default_factory=list)
    of_the_day: CardView | None = None


def _day(value: Any) -> date | None:
    """A local calendar day from a stored instant (aware or SQLite's naive UTC text)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def _recorded(value: Any, today: date) -> date | None:
    """The day a row was recorded; not known when that is after `today` (a clock set
    back, a day chosen for a test or the sample data)."""
    day = _day(value)
    return None if day is None or day > today else day


def _where(project_id: int | None, column: str = "project.id") -> str:
    active = "project.status = 'active'"
    return active if project_id is None else f"{active} AND {column} = {int(project_id)}"


def _days_before(store: Store, column: str, days: int) -> str:
    """The SQL day `days` days before the date `column` (SQLite keeps dates as ISO text)."""
    if store.location.is_sqlite:
        return f"date({column}, '-{int(days)} days')"
    return f"({column} - {int(days)})"


def _time(
    store: Store, read: Read, project_id: int | None, budgets: dict[int, int | None]
) -> dict[int, list[tuple[date, str, int]]]:
    """The time of each project whose time calls for "enough is enough", as the rule
    reads it: its totals on the first day of the latest run (`over_since`), the same
    totals at each day's end from that day on as every entry gives.

    Speed (10,000 projects, 200,000 time entries): the totals are those the store keeps
    per project (`project_time_total`, migration 0012: the minutes within range, the
    rework among them), the rule judges them, and only the projects it flags have their
    days read, in the order of their days, into `over_since` (no fact per entry nor per
    day)."""
    low, high = stored.limits("time_entry", "minutes")
    which = "" if project_id is None else f" WHERE project_id = {int(project_id)}"
    totals: dict[int, tuple[int, int]] = {}
    # Every project's, those not active left out here.
    for pid, logged, reworked in read(
        f"SELECT project_id, logged_minutes, rework_minutes FROM project_time_total{which}"
    ):
        if pid in budgets and time_calls_for_card(logged, reworked, budgets[pid]):
            totals[pid] = (logged, reworked)
    # SQLite would read the rows of the day index one by one: the covering index, sorted.
    indexed = " INDEXED BY ix_time_entry_project_category" if store.location.is_sqlite else ""
    found: dict[int, list[tuple[date, str, int]]] = {}
    for chunk in chunks(sorted(totals)):
        rows = read(
            f"SELECT project_id, spent_on, minutes, "
            f"CASE WHEN category = 'rework' THEN minutes ELSE 0 END FROM time_entry{indexed} "
            f"WHERE project_id IN ({', '.join(map(str, chunk))}) "
            f"AND minutes BETWEEN {low} AND {high} ORDER BY project_id, spent_on"
        )
        for pid, days in groupby(rows, key=itemgetter(0)):
            since = over_since(((d, m, r) for _, d, m, r in days), budgets[pid])
            if since is not None:
                logged, reworked = totals[pid]
                day = as_date(since)
                found[pid] = [(day, "rework", reworked), (day, "work", logged - reworked)]
    return found


def _bells(store: Store, read: Read, today: date, which: str) -> Iterator[tuple[int, BellFact]]:
    """The open alarm bells that may call for a card, per project."""
    soon = today + timedelta(days=PROMISE_SOON_DAYS)
    near = _days_before(store, "project.delivery_on", PROMISE_NEAR_DELIVERY_DAYS)
    # Speed: a bell done, one of mine already past, one of the client's not late yet, or
    # one of mine neither due within the week nor near the delivery date calls for no
    # card (`promise` and `together`): a few thousand of 100,000 bells are read.
    for pid, title, due, owner, kind, margin, created in read(
        "SELECT deadline.project_id, title, due_on, owner, deadline.kind, margin_days, "
        "deadline.created_at FROM deadline JOIN project ON project.id = deadline.project_id "
        f"WHERE {which} AND done_on IS NULL AND (due_on IS NULL OR "
        f"(due_on < '{today.isoformat()}' AND (owner IS NULL OR owner <> 'provider')) OR "
        f"(due_on >= '{today.isoformat()}' AND (owner IS NULL OR owner <> 'client') "
        f"AND (due_on <= '{soon.isoformat()}' OR (deadline.kind <> 'delivery' "
        f"AND due_on > {near}))))"
    ):
        yield (
            pid,
            BellFact(
                title=title,
                due_on=as_date(due) or today,
                owner=str(owner or ("client" if kind in CLIENT_KINDS else "provider")),
                kind=str(kind),
                margin_days=stored.margin(margin)[0],
                done=False,
                recorded_on=_recorded(created, today),
            ),
        )


def _facts(
    store: Store, read: Read, today: date, project_id: int | None
) -> dict[int, tuple[str, ProjectFacts]]:
    """Per active project (or only `project_id`, if active) that has a fact which may
    call for a card: its name and facts (a project left out has none)."""
    which = _where(project_id)
    join = "JOIN project ON project.id = {}.project_id"
    projects = read(f"SELECT id, name, delivery_on, budget_minutes FROM project WHERE {which}")
    budgets = {pid: stored.budget(budget)[0] for pid, _, _, budget in projects}
    facts: dict[str, dict[int, list[Any]]] = {
        key: {} for key in ("incidents", "bells", "commitments", "changes", "chases")
    }

    def add(key: str, pid: int, fact: object) -> None:
        facts[key].setdefault(pid, []).append(fact)

    time = _time(store, read, project_id, budgets)
    for pid, title, occurred, told, blamed, says, created in read(
        f"SELECT incident.project_id, title, occurred_on, told_on, blamed, "
        f"contract_says, incident.created_at FROM incident {join.format('incident')} "
        f"WHERE {which} AND incident.status = 'open'",  # the rules read open ones only
    ):
        fact = IncidentFact(
            title=title,
            occurred_on=as_date(occurred) or today,
            open=True,
            told=told is not None,
            blamed=bool(blamed),
            contract_says=bool((says or "").strip()),
            recorded_on=_recorded(created, today),
        )
        add("incidents", pid, fact)
    for pid, bell in _bells(store, read, today, which):
        add("bells", pid, bell)
    for pid, text, due, created in read(
        f"SELECT commitment.project_id, text, due_on, commitment.created_at FROM commitment "
        f"{join.format('commitment')} WHERE {which} AND party = 'provider' "
        f"AND commitment.status = 'pending' AND due_on >= '{today.isoformat()}'",
    ):
        add("commitments", pid, CommitmentFact(text, as_date(due), _recorded(created, today)))
    for pid, deliverable, created in read(
        f"SELECT validation.project_id, deliverable, change_request.created_at "
        f"FROM change_request JOIN validation ON validation.id = change_request.validation_id "
        f"{join.format('validation')} WHERE {which}",
    ):
        add("changes", pid, ChangeFact(deliverable, _recorded(created, today) or today))
    # The chases awaiting a reply: `pending_reply` holds the contacts that do (migration
    # 0012), with what they are.
    for pid, at in read(
        "SELECT w.project_id, w.at FROM project JOIN pending_reply w "
        f"ON w.project_id = project.id WHERE {which} AND w.is_chase = TRUE"
    ):
        add("chases", pid, _day(at))
    incidents, bells, commitments, changes, chases = facts.values()
    return {
        pid: (
            name,
            ProjectFacts(
                today=today,
                delivery_on=as_date(delivery),
                budget_minutes=budgets[pid],
                time=time.get(pid, ()),
                incidents=incidents.get(pid, ()),
                bells=bells.get(pid, ()),
                commitments=commitments.get(pid, ()),
                changes=changes.get(pid, ()),
                chases=chases.get(pid, ()),
            ),
        )
        for pid, name, delivery, _ in projects
        if pid in time
        or pid in incidents
        or pid in bells
        or pid in commitments
        or pid in changes
        or len(chases.get(pid, ())) >= TENSE_CHASES
    }


def _dismissed(read: Read, project_id: int | None) -> dict[int, dict[str, date]]:
    which = _where(project_id)
    rows = read(
        "SELECT dismissed_card.project_id, card, dismissed_on FROM dismissed_card "
        f"JOIN project ON project.id = dismissed_card.project_id WHERE {which}",
    )
    found: dict[int, dict[str, date]] = {}
    for pid, card, on in rows:
        day = as_date(on)
        if day is not None:
            found.setdefault(pid, {})[str(card)] = day
    return found


def _cards(
    store: Store, today: date, project_id: int | None, between: Between | None = None
) -> list[CardView]:
    with reader(store) as plain:
        read = plain if between is None else _pausing(plain, between)
        dismissed = _dismissed(read, project_id)
        facts_by_project = _facts(store, read, today, project_id)
    if between is not None:
        between()
    # Each card's title and text translated once (thousands of cards on the dashboard).
    said = {card.key: (tr(card.title), tr(card.text)) for card in cards.CARDS}
    shown: list[CardView] = []
    for pid, (name, facts) in facts_by_project.items():
        for found in cards.visible(situations(facts), dismissed.get(pid, {})):
            title, text = said[found.card]
            shown.append(CardView(pid, name, found.card, title, text, found.reason, found.since))
    return shown


def project_posture(store: Store, project_id: int, today: date) -> ProjectPosture:
    """The cards that show for a project (none when it is closed), most pressing first."""
    shown = _cards(store, today, project_id)
    delivery = _rows(store, f"SELECT delivery_on FROM project WHERE id = {int(project_id)}")
    return ProjectPosture(shown, as_date(delivery[0][0]) if delivery else None)


def _pausing(read: Read, between: Between) -> Read:
    """`read`, calling `between` before each query."""

    def pausing(sql: str) -> list[tuple[Any, ...]]:
        between()
        return read(sql)

    return pausing


def posture_cards(store: Store, today: date, between: Between | None = None) -> list[CardView]:
    """The cards that show across active projects: the most pressing card first (then
    the project with the most cards, then by name). `between`: called between the steps
    (see `dashboard_posture`)."""
    shown = _cards(store, today, None, between)
    count: dict[int, int] = {}
    for card in shown:
        count[card.project_id] = count.get(card.project_id, 0) + 1
    rank = {key: place for place, key in enumerate(cards.PRIORITY)}
    return sorted(shown, key=lambda c: (rank[c.key], -count[c.project_id], c.project))


def dashboard_posture(
    store: Store, today: date, between: Between | None = None
) -> DashboardPosture:
    """The dashboard's cards: those that show across active projects; when none does,
    the card of the day, so that the dashboard always has one (none without an active
    project). `between` is called between its steps (a few tens of milliseconds each on
    a store of 10,000 projects): the app's background reading waits there while a screen
    is being built (`services.warming.wait_free`)."""
    shown = posture_cards(store, today, between)
    if shown:
        return DashboardPosture(shown)
    active = _rows(store, "SELECT count(*) FROM project WHERE status = 'active'")[0][0]
    if not active:
        return DashboardPosture()
    card = cards.card_of_the_day(today.toordinal())
    return DashboardPosture([], CardView(0, "", card.key, tr(card.title), tr(card.text), "", today))


def dismiss_card(store: Store, project_id: int, key: str, today: date) -> None:
    """Put the card `key` away for the project from `today` (dismissed again: the day
    moves). One step of undo. An unknown card is refused."""
    from sqlmodel import select

    from relay_tui.errors import InvalidInput, NotFound
    from relay_tui.models import DismissedCard, Project

    if key not in cards.BY_KEY:
        raise InvalidInput(
            tr(
                "{card} is not a posture card (one of {cards})",
                card=repr(key),
                cards=", ".join(cards.PRIORITY),
            ),
            "card",
        )
    with store.write() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(tr("no project with id {id}", id=project_id), "project")
        row = session.exec(
            select(DismissedCard).where(
                DismissedCard.project_id == project_id, DismissedCard.card == key
            )
        ).first()
        if row is None:
            row = DismissedCard(project_id=project_id, card=key, dismissed_on=today)
        else:
            row.dismissed_on = today
        session.add(row)
        session.info["journal_summary"] = tr(
            "Posture card “{card}” put away for {project}",
            card=tr(cards.BY_KEY[key].title),
            project=project.name,
        )

"""Posture cards per project: the situations that hold (`domain.situations`), less the
cards the user put away (`domain.posture.visible`), and putting one away.

The reads go through the plain DB-API connection with literal SQL, as the dashboard's
(`services.dashboard`): the first screen shows the cards without importing the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from relay_tui.db import Store
from relay_tui.domain import posture as cards
from relay_tui.domain import stored
from relay_tui.domain.situations import (
    CLIENT_KINDS,
    BellFact,
    ChangeFact,
    CommitmentFact,
    IncidentFact,
    ProjectFacts,
    over_investment,
    situations,
)
from relay_tui.i18n import tr
from relay_tui.services.dashboard import (
    Read,
    _rows,
    as_date,
    awaiting_per_project,
    chunks,
    reader,
)


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


def _facts(
    store: Store, read: Read, today: date, project_id: int | None
) -> dict[int, tuple[str, ProjectFacts]]:
    """Per active project (or only `project_id`, if active): its name and facts."""
    which = _where(project_id)
    low, high = stored.limits("time_entry", "minutes")
    join = "JOIN project ON project.id = {}.project_id"
    projects = read(f"SELECT id, name, delivery_on, budget_minutes FROM project WHERE {which}")
    found: dict[int, dict[str, Any]] = {
        pid: {"name": name, "delivery": as_date(delivery), "budget": stored.budget(budget)[0]}
        for pid, name, delivery, budget in projects
    }
    for key in ("time", "incidents", "bells", "commitments", "changes", "chases"):
        for entry in found.values():
            entry[key] = []

    def add(key: str, pid: int, fact: object) -> None:
        if pid in found:
            found[pid][key].append(fact)

    # Speed (10,000 projects, 100,000s of time entries): the time only calls for a card
    # when the totals at the end do (`over_investment` reads the last day's totals), so
    # the totals are summed in SQL and the days read only for the projects they flag.
    # The minutes of one day are summed per category: the rule reads each day's end.
    spent = f"{join.format('time_entry')} WHERE {which} AND minutes BETWEEN {low} AND {high}"
    totals: dict[int, list[tuple[date, str, int]]] = {}
    for pid, category, minutes in read(
        f"SELECT time_entry.project_id, category, sum(minutes) FROM time_entry {spent} "
        "GROUP BY time_entry.project_id, category"
    ):
        totals.setdefault(pid, []).append((today, str(category), minutes))
    flagged = [
        pid
        for pid, time in totals.items()
        if pid in found
        and over_investment(ProjectFacts(today, budget_minutes=found[pid]["budget"], time=time))
    ]
    for chunk in chunks(flagged):
        for pid, day, category, minutes in read(
            f"SELECT time_entry.project_id, spent_on, category, sum(minutes) FROM time_entry "
            f"{spent} AND time_entry.project_id IN ({', '.join(map(str, chunk))}) "
            "GROUP BY time_entry.project_id, spent_on, category"
        ):
            add("time", pid, (as_date(day), str(category), minutes))
    for pid, title, occurred, status, told, blamed, says, created in read(
        f"SELECT incident.project_id, title, occurred_on, incident.status, told_on, blamed, "
        f"contract_says, incident.created_at FROM incident {join.format('incident')} "
        f"WHERE {which}",
    ):
        fact = IncidentFact(
            title=title,
            occurred_on=as_date(occurred) or today,
            open=status == "open",
            told=told is not None,
            blamed=bool(blamed),
            contract_says=bool((says or "").strip()),
            recorded_on=_recorded(created, today),
        )
        add("incidents", pid, fact)
    for pid, title, due, owner, kind, margin, done, created in read(
        f"SELECT deadline.project_id, title, due_on, owner, deadline.kind, margin_days, "
        f"done_on, deadline.created_at FROM deadline {join.format('deadline')} WHERE {which} "
        # Speed: a bell done, or one of mine already past, calls for no card (`promise`
        # and `together` skip them): about a third of the bells are left to read.
        f"AND done_on IS NULL AND (due_on IS NULL OR due_on >= '{today.isoformat()}' "
        "OR owner IS NULL OR owner <> 'provider')"
    ):
        bell = BellFact(
            title=title,
            due_on=as_date(due) or today,
            owner=str(owner or ("client" if kind in CLIENT_KINDS else "provider")),
            kind=str(kind),
            margin_days=stored.margin(margin)[0],
            done=done is not None,
            recorded_on=_recorded(created, today),
        )
        add("bells", pid, bell)
    for pid, text, due, created in read(
        f"SELECT commitment.project_id, text, due_on, commitment.created_at FROM commitment "
        f"{join.format('commitment')} WHERE {which} AND party = 'provider' "
        f"AND commitment.status = 'pending' AND due_on IS NOT NULL",
    ):
        add("commitments", pid, CommitmentFact(text, as_date(due), _recorded(created, today)))
    for pid, deliverable, created in read(
        f"SELECT validation.project_id, deliverable, change_request.created_at "
        f"FROM change_request JOIN validation ON validation.id = change_request.validation_id "
        f"{join.format('validation')} WHERE {which}",
    ):
        add("changes", pid, ChangeFact(deliverable, _recorded(created, today) or today))
    for pid, at in read(
        "SELECT contact.project_id, contact.at FROM project JOIN contact "
        f"ON {awaiting_per_project(store)} WHERE {which} AND contact.is_chase = TRUE"
    ):
        add("chases", pid, _day(at))
    return {
        pid: (
            entry["name"],
            ProjectFacts(
                today=today,
                delivery_on=entry["delivery"],
                budget_minutes=entry["budget"],
                time=entry["time"],
                incidents=entry["incidents"],
                bells=entry["bells"],
                commitments=entry["commitments"],
                changes=entry["changes"],
                chases=entry["chases"],
            ),
        )
        for pid, entry in found.items()
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


def _view(pid: int, project: str, key: str, reason: str, since: date) -> CardView:
    card = cards.BY_KEY[key]
    return CardView(pid, project, key, tr(card.title), tr(card.text), reason, since)


def _cards(store: Store, today: date, project_id: int | None) -> list[CardView]:
    with reader(store) as read:
        dismissed = _dismissed(read, project_id)
        facts_by_project = _facts(store, read, today, project_id)
    shown: list[CardView] = []
    for pid, (name, facts) in facts_by_project.items():
        for found in cards.visible(situations(facts), dismissed.get(pid, {})):
            shown.append(_view(pid, name, found.card, found.reason, found.since))
    return shown


def project_posture(store: Store, project_id: int, today: date) -> ProjectPosture:
    """The cards that show for a project (none when it is closed), most pressing first."""
    shown = _cards(store, today, project_id)
    delivery = _rows(store, f"SELECT delivery_on FROM project WHERE id = {int(project_id)}")
    return ProjectPosture(shown, as_date(delivery[0][0]) if delivery else None)


def posture_cards(store: Store, today: date) -> list[CardView]:
    """The cards that show across active projects: the most pressing card first (then
    the project with the most cards, then by name)."""
    shown = _cards(store, today, None)
    count: dict[int, int] = {}
    for card in shown:
        count[card.project_id] = count.get(card.project_id, 0) + 1
    return sorted(
        shown,
        key=lambda c: (cards.PRIORITY.index(c.key), -count[c.project_id], c.project),
    )


def dashboard_posture(store: Store, today: date) -> DashboardPosture:
    """The dashboard's cards: those that show across active projects; when none does,
    the card of the day, so that the dashboard always has one (none without an active
    project)."""
    shown = posture_cards(store, today)
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

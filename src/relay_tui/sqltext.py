"""SQL text shared by the services (SQLAlchemy, through `sa.text`) and the light reads
(`relay_tui.fastreads`, `relay_tui.fastremind`: sqlite3 alone). Parameters are named
(`:name`), which both sqlite3 and SQLAlchemy take; the project lookups of capture
(`relay_tui.project_lookup`) are positional (`?`), as sqlite3 and psycopg's fast path
read them.

Literal values on purpose: SQLite uses a partial index only when a query repeats the
index's WHERE clause, and a bound parameter does not.
"""

from __future__ import annotations

from relay_tui.terms import DURATION_MAX_MINUTES, MARGIN_MAX_DAYS

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from datetime import date

#: "Outbound, flagged awaiting, and no later inbound contact on the same project".
AWAITING = (
    "contact.direction = 'out' AND contact.awaiting_reply = TRUE AND NOT EXISTS ("
    "SELECT 1 FROM contact AS reply WHERE reply.project_id = contact.project_id "
    "AND reply.direction = 'in' AND reply.at > contact.at)"
)

#: The WHERE clause of the partial index `ix_contact_awaiting`.
AWAITING_INDEX_WHERE = "direction = 'out' AND awaiting_reply = TRUE"

#: The projects a name may name (`rules.resolve_project` then chooses among them): those
#: whose folded name (`project.name_folded`, migration 0011) lies in the range of the
#: folded name typed, through the index `ix_project_name_folded`, and those not folded
#: yet (a row written by another program). `{ge}` and `{lt}` compare code point by code
#: point: `>=` and `<` on SQLite, `~>=~` and `~<~` on PostgreSQL (`text_pattern_ops`).
PROJECTS_NAMED = (
    "SELECT id, name, status FROM project "
    "WHERE (name_folded {ge} ? AND name_folded {lt} ?) OR name_folded IS NULL ORDER BY id"
)
#: The same for a prefix no text is above (only U+10FFFF): no upper bound.
PROJECTS_NAMED_FROM = (
    "SELECT id, name, status FROM project "
    "WHERE name_folded {ge} ? OR name_folded IS NULL ORDER BY id"
)
#: The projects that are not folded yet (a name that no store can hold: only those).
PROJECTS_UNFOLDED = "SELECT id, name, status FROM project WHERE name_folded IS NULL ORDER BY id"
#: The project of an id, and the active projects (no name given: the only active one).
PROJECT_BY_ID = "SELECT id, name, status FROM project WHERE id = ?"
PROJECTS_ACTIVE = "SELECT id, name, status FROM project WHERE status = 'active' ORDER BY id"
#: The projects that may bear a name (`services.common.same_name`): the same folded name
#: (the index `ix_project_name_folded`), or not folded yet.
PROJECTS_FOLDED_AS = (
    "SELECT id, name FROM project WHERE name_folded = ? OR name_folded IS NULL ORDER BY id"
)

#: The columns `domain.deadline_views.deadline_views` reads, in its order.
DEADLINE_COLUMNS = (
    "d.id, d.project_id, d.title, d.kind, d.owner, d.due_on, d.due_time, d.margin_days, "
    "d.after_id, d.done_on, d.version"
)

#: Every deadline of one project (`:project`).
PROJECT_DEADLINES = f"SELECT {DEADLINE_COLUMNS} FROM deadline d WHERE d.project_id = :project"

#: Every deadline of the active projects.
ACTIVE_DEADLINES = (
    f"SELECT {DEADLINE_COLUMNS} FROM deadline d JOIN project p ON p.id = d.project_id "
    "WHERE p.status = 'active'"
)

#: A stored margin held in its range (`domain.stored.margin`).
_MARGIN = (
    f"(CASE WHEN d.margin_days < 0 THEN 0 WHEN d.margin_days > {MARGIN_MAX_DAYS} "
    f"THEN {MARGIN_MAX_DAYS} ELSE d.margin_days END)"
)

#: The index of the open deadlines on the day their margin starts (SQLite, migration 0013).
MARGIN_START_INDEX = "ix_deadline_margin_start"


def margin_start(alias: str = "d.") -> str:
    """On SQLite, the day a deadline's margin starts (due − margin held in its range) as
    a Julian day number: the expression `MARGIN_START_INDEX` holds (`alias` ""), which
    SQLite matches to a query's only when it is written the same."""
    return f"julianday({alias}due_on) - {_MARGIN.replace('d.', alias)}"


def margin_begun(dialect: str, day: str = ":today") -> str:
    """Whether a deadline's margin has begun by `day` (due − margin ≤ day), as each
    database does date arithmetic (on PostgreSQL written so that no date below the
    calendar's first is made)."""
    if dialect == "sqlite":
        return f"{margin_start()} <= julianday({day})"
    return f"d.due_on <= CAST({day} AS DATE) + {_MARGIN}"


def alarm_bells(dialect: str, today: date | None = None) -> str:
    """The open deadlines of the active projects whose margin has begun by `:today` (a
    slip only moves a date later, so no other can be an alarm bell) and the chains of
    predecessors their slips depend on; UNION (not UNION ALL) ends the recursion on a
    loop a hand edit left in a store. With `today`, the day is written in the text (for
    the driver's own connection, whose parameters each database writes its own way).

    Speed: the deadlines begun are read once, and the recursion walks from their links
    alone (a few hundred of thousands on a large store), not from every deadline read.
    SQLite reads the deadlines first (a CROSS JOIN keeps that order), on the index of
    the day their margin starts (`MARGIN_START_INDEX`): the few whose margin has begun,
    not every open one of every active project."""
    day = f"'{today.isoformat()}'" if today is not None else ":today"
    return f"""
WITH RECURSIVE begun AS (
    SELECT {DEADLINE_COLUMNS} FROM deadline d CROSS JOIN project p
    WHERE p.id = d.project_id AND p.status = 'active' AND d.done_on IS NULL
      AND {margin_begun(dialect, day)}
), chain(id) AS (
    SELECT after_id FROM begun WHERE after_id IS NOT NULL
    UNION
    SELECT s.after_id FROM deadline s JOIN chain ON s.id = chain.id
    WHERE s.after_id IS NOT NULL
)
SELECT * FROM begun
UNION ALL
SELECT {DEADLINE_COLUMNS} FROM deadline d
WHERE d.id IN (SELECT id FROM chain) AND d.id NOT IN (SELECT id FROM begun)
"""


#: The active projects the board lists (id, name, budget, delivery day), their chase
#: delay, and their time totals (`project_time_total`, kept by triggers: migration 0012):
#: the project again when it has time logged (else NULL), the minutes within range, the
#: rework minutes among them, the first day logged and how many entries were left out.
#: One read serves the time lines and the chase list (10,000 projects to read).
ACTIVE_PROJECTS = (
    "SELECT p.id, p.name, p.budget_minutes, p.delivery_on, p.chase_delay_days, "
    "t.project_id, t.logged_minutes, t.rework_minutes, t.first_on, t.left_out "
    "FROM project p LEFT JOIN project_time_total t ON t.project_id = p.id "
    "WHERE p.status = 'active'"
)


#: The minutes a time entry may hold (`domain.record_rules`): the others are left out of
#: the totals.
MINUTES_RANGE = (1, DURATION_MAX_MINUTES)
#: What the board's read model keeps (migration 0012): each project's time totals, and
#: the messages awaiting a reply with what the chase list reads of them.
TIME_TOTAL_COLUMNS = "project_id, logged_minutes, rework_minutes, first_on, left_out"
PENDING_COLUMNS = "contact_id, project_id, at, summary, is_chase"


def valid_minutes(row: str) -> str:
    """Whether the time entry `row` counts in the totals."""
    return f"{row}.minutes BETWEEN {MINUTES_RANGE[0]} AND {MINUTES_RANGE[1]}"


def time_totals_of(project: str | None = None) -> str:
    """The totals of each project's time entries (of `project` only: none, no row), in
    the order of `TIME_TOTAL_COLUMNS`: the minutes within range, the rework minutes among
    them, the first day logged, how many entries were left out."""
    valid = valid_minutes("t")
    only = "" if project is None else f" WHERE t.project_id = {project}"
    return (
        f"SELECT t.project_id, coalesce(sum(CASE WHEN {valid} THEN t.minutes END), 0), "
        f"coalesce(sum(CASE WHEN t.category = 'rework' AND {valid} THEN t.minutes END), 0), "
        f"min(t.spent_on), count(*) - count(CASE WHEN {valid} THEN 1 END) "
        f"FROM time_entry t{only} GROUP BY t.project_id"
    )


#: Earlier than any message: "no inbound message yet", per database.
_DAWN = {
    "sqlite": "'0001-01-01 00:00:00.000000'",
    "postgresql": "CAST('0001-01-01 00:00:00+00' AS TIMESTAMP WITH TIME ZONE)",
}


def pending_of(dialect: str, project: str | None = None) -> str:
    """The messages awaiting a reply (`AWAITING`; of `project` only), in the order of
    `PENDING_COLUMNS`: found from each project's last inbound message."""
    which = "c.project_id" if project is None else project
    only = "" if project is None else f"c.project_id = {project} AND "
    return (
        "SELECT c.id, c.project_id, c.at, c.summary, c.is_chase FROM contact c "
        f"WHERE {only}c.direction = 'out' AND c.awaiting_reply = TRUE AND c.at >= COALESCE("
        f"(SELECT max(r.at) FROM contact r WHERE r.project_id = {which} "
        f"AND r.direction = 'in'), {_DAWN[dialect]})"
    )


#: The active projects with a report cadence: (id, name, every, start day, created at).
REPORT_CADENCES = (
    "SELECT p.id, p.name, p.report_every_days, p.start_on, p.created_at FROM project p "
    "WHERE p.status = 'active' AND p.report_every_days IS NOT NULL"
)

#: The day each project's last report was sent.
LAST_REPORTS = "SELECT project_id, max(sent_on) FROM sent_report GROUP BY project_id"


#: The active projects and their chase delay (`chase_projects(one=True)`: `:project` only).
def chase_projects(one: bool = False) -> str:
    only = " AND p.id = :project" if one else ""
    return f"SELECT p.id, p.name, p.chase_delay_days FROM project p WHERE p.status = 'active'{only}"


def awaiting_facts(one: bool = False) -> str:
    """Per active project (or `:project` only), the outbound contacts awaiting a reply
    with no later inbound contact (`AWAITING`): those `pending_reply` holds with what the
    chase list reads of them, kept by triggers on every write to the contacts (migration
    0012)."""
    only = " AND p.id = :project" if one else ""
    return (
        "SELECT w.contact_id, w.project_id, w.at, w.summary, w.is_chase FROM project p "
        f"JOIN pending_reply w ON w.project_id = p.id WHERE p.status = 'active'{only}"
    )


def chase_counts(project_ids: list[int]) -> str:
    """How many chases each of `project_ids` holds (ids from the store: written inline)."""
    listed = ", ".join(str(int(pid)) for pid in project_ids)
    return (
        "SELECT project_id, count(*) FROM contact "
        f"WHERE project_id IN ({listed}) AND is_chase = TRUE GROUP BY project_id"
    )


#: The columns `domain.contacts.contact_view` reads, in its order.
CONTACT_COLUMNS = (
    "contact.id, contact.project_id, p.name, contact.at, contact.channel, contact.direction, "
    "contact.summary, contact.awaiting_reply, contact.is_chase, contact.created_by, "
    "contact.version"
)


def contacts_page(one_project: bool, one_channel: bool, awaiting_only: bool) -> str:
    """The newest contacts first, up to `:limit`: of `:project` only, of `:channel`
    only, only those still awaiting a reply (`AWAITING`)."""
    where = []
    if one_project:
        where.append("contact.project_id = :project")
    if one_channel:
        where.append("contact.channel = :channel")
    if awaiting_only:
        where.append(AWAITING)
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    return (
        f"SELECT {CONTACT_COLUMNS} FROM contact JOIN project p ON p.id = contact.project_id"
        f"{condition} ORDER BY contact.at DESC, contact.id DESC LIMIT :limit"
    )


def last_inbound(project_ids: list[int]) -> str:
    """The last inbound instant of each of `project_ids` (ids from the store: inline)."""
    listed = ", ".join(str(int(pid)) for pid in project_ids)
    return (
        "SELECT project_id, max(at) FROM contact "
        f"WHERE project_id IN ({listed}) AND direction = 'in' GROUP BY project_id"
    )

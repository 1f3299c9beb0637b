"""SQLModel tables: the vocabulary of the domain, as stored.

Table models do not validate their fields; input is validated by `relay_tui.schemas`
before it reaches them. Instants are aware UTC (`UTCDateTime`); calendar dates are plain
dates. What can be derived (a risk's score, a deadline's status, whether a contact still
awaits a reply) is computed by `relay_tui.domain` when read, never stored.
"""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain.parsing import utc_now
from relay_tui.sqltext import AWAITING_INDEX_WHERE
from relay_tui.vocab import (
    CHASE_DELAY_DEFAULT,
    Channel,
    CommitmentStatus,
    DeadlineKind,
    Direction,
    IncidentStatus,
    Party,
    Phase,
    ProjectKind,
    ProjectStatus,
    RetroFormat,
    RiskCategory,
    RiskStatus,
    StakeholderRole,
    TimeCategory,
)
from relay_tui.who import WHO_LENGTH

_ENUM = sa.String(24)
#: A boolean and a text added to an existing table: its rows (and the rows of an older
#: export) read false and empty.
_FALSE = {"server_default": sa.false()}
_EMPTY = {"server_default": ""}


def _instant(nullable: bool = False, index: bool = False) -> sa.Column[datetime]:
    return sa.Column(UTCDateTime(), nullable=nullable, index=index)


class Audited(SQLModel):
    """Who created the row and who changed it last (stamped by `relay_tui.audit` from the
    store's user on every flush), and a version checked on every update: an UPDATE that
    finds another version than the one it read changes nothing and is refused, so two
    people editing the same record never silently lose a change."""

    created_by: str = Field(
        default="", sa_type=sa.String(WHO_LENGTH), sa_column_kwargs={"server_default": ""}
    )
    updated_by: str = Field(
        default="", sa_type=sa.String(WHO_LENGTH), sa_column_kwargs={"server_default": ""}
    )
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _fk(target: str, nullable: bool = False, ondelete: str = "CASCADE") -> sa.Column[int]:
    return sa.Column(
        sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True
    )


class Client(Audited, table=True):
    __tablename__ = "client"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(120), unique=True)
    organisation: str | None = Field(default=None, sa_type=sa.String(120))
    email: str | None = Field(default=None, sa_type=sa.String(254))
    phone: str | None = Field(default=None, sa_type=sa.String(40))
    channel: Channel | None = Field(default=None, sa_type=_ENUM)
    notes: str = Field(default="", sa_type=sa.Text)
    #: The language of what relay writes for this client (None: the user's own).
    language: str | None = Field(default=None, sa_type=sa.String(8))
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


#: What the board reads of every active project, from the index alone (migration 0012).
_BOARD_READS = ("status", "id", "name", "budget_minutes", "delivery_on", "chase_delay_days")


class Project(Audited, table=True):
    __tablename__ = "project"
    __table_args__ = (sa.Index("ix_project_board", *_BOARD_READS),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(120), unique=True)
    client_id: int = Field(sa_column=_fk("client.id", ondelete="RESTRICT"))
    kind: ProjectKind = Field(default=ProjectKind.other, sa_type=_ENUM)
    phase: Phase = Field(default=Phase.before, sa_type=_ENUM)
    status: ProjectStatus = Field(default=ProjectStatus.active, sa_type=_ENUM, index=True)
    start_on: date | None = None
    delivery_on: date | None = None
    budget_minutes: int | None = None
    chase_delay_days: int = CHASE_DELAY_DEFAULT
    # The three framing questions (None: not answered).
    client_accountable: bool | None = None
    event_bound: bool | None = None
    partial_delivery_ok: bool | None = None
    # The frame.
    working_method: str = Field(default="", sa_type=sa.Text)
    cycle_days: int | None = None
    contract_signed_on: date | None = None
    #: The rigour the frame asks for, ticked by the user (each unticked one is a readiness
    #: warning): validations in writing, a regular progress point, a single contact
    #: person on the client's side, changes agreed in writing.
    rigour_written_validations: bool = Field(default=False, sa_column_kwargs=_FALSE)
    rigour_progress_point: bool = Field(default=False, sa_column_kwargs=_FALSE)
    rigour_single_contact: bool = Field(default=False, sa_column_kwargs=_FALSE)
    rigour_changes_in_writing: bool = Field(default=False, sa_column_kwargs=_FALSE)
    #: How often a status report is due, in days (None: no cadence).
    report_every_days: int | None = None
    #: The earlier lessons planned for this project at framing (comma-separated lesson
    #: ids); its retrospective says which were kept (`Retrospective.applied_lessons`).
    lessons_planned: str = Field(default="", sa_type=sa.Text, sa_column_kwargs=_EMPTY)
    closed_at: datetime | None = Field(default=None, sa_column=_instant(nullable=True))
    close_reason: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class SelfAssessment(Audited, table=True):
    """Why am I taking this project? One per project."""

    __tablename__ = "self_assessment"

    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
        )
    )
    reward: str | None = Field(default=None, sa_type=_ENUM)
    paid: bool | None = None
    stance: str | None = Field(default=None, sa_type=_ENUM)
    balance: str | None = Field(default=None, sa_type=_ENUM)
    ready_for_failure: bool | None = None
    notes: str = Field(default="", sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Profile(Audited, table=True):
    """A personality profile on shared axes (1..5, None when unknown).

    The provider's global default has no project; a project may hold its own provider
    profile (an override) and the client's profile.
    """

    __tablename__ = "profile"
    __table_args__ = (sa.UniqueConstraint("project_id", "party", name="uq_profile_project_party"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int | None = Field(default=None, sa_column=_fk("project.id", nullable=True))
    party: Party = Field(sa_type=_ENUM)
    structure: int | None = None  # 1 relaxed .. 5 structured
    precision: int | None = None  # 1 vague .. 5 precise
    energy: int | None = None  # 1 reflective .. 5 enthusiastic
    scope: int | None = None  # 1 detail .. 5 big picture
    channel: Channel | None = Field(default=None, sa_type=_ENUM)
    experience: int | None = None  # client only: 1 new to providers .. 5 used to them
    feedback: int | None = None  # client only: 1 critical .. 5 praising
    temper: int | None = None  # client only: 1 difficult .. 5 easy-going
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class CraftCard(Audited, table=True):
    """The provider's "explain my trade" page, kept once (id 1)."""

    __tablename__ = "craft_card"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", sa_type=sa.String(120))
    training: str = Field(default="", sa_type=sa.Text)
    practices: str = Field(default="", sa_type=sa.Text)
    strengths: str = Field(default="", sa_type=sa.Text)
    weaknesses: str = Field(default="", sa_type=sa.Text)
    portfolio: str = Field(default="", sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Stakeholder(Audited, table=True):
    __tablename__ = "stakeholder"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    name: str = Field(sa_type=sa.String(120))
    role: StakeholderRole = Field(default=StakeholderRole.other, sa_type=_ENUM)
    influence: int = 3
    interest: int = 3
    reach: str = Field(default="", sa_type=sa.String(254))
    notes: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Commitment(Audited, table=True):
    __tablename__ = "commitment"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    party: Party = Field(sa_type=_ENUM)
    text: str = Field(sa_type=sa.Text)
    status: CommitmentStatus = Field(default=CommitmentStatus.pending, sa_type=_ENUM)
    due_on: date | None = None
    note: str = Field(default="", sa_type=sa.Text)
    position: int = 0
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Risk(Audited, table=True):
    __tablename__ = "risk"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    title: str = Field(sa_type=sa.String(200))
    category: RiskCategory = Field(default=RiskCategory.other, sa_type=_ENUM)
    probability: int = 3
    impact: int = 3
    mitigation: str = Field(default="", sa_type=sa.Text)
    owner: str = Field(default="", sa_type=sa.String(120))
    status: RiskStatus = Field(default=RiskStatus.open, sa_type=_ENUM)
    review_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


#: The deadlines not done, per project: the board's alarm bells (migration 0012).
_OPEN = {f"{db}_where": sa.text("done_on IS NULL") for db in ("sqlite", "postgresql")}


class Deadline(Audited, table=True):
    """An alarm bell. Its status (done, upcoming, in margin, late) is computed."""

    __tablename__ = "deadline"
    __table_args__ = (sa.Index("ix_deadline_open", "project_id", "due_on", "margin_days", **_OPEN),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    title: str = Field(sa_type=sa.String(200))
    kind: DeadlineKind = Field(default=DeadlineKind.other, sa_type=_ENUM)
    owner: Party = Field(default=Party.provider, sa_type=_ENUM)
    due_on: date = Field(index=True)
    due_time: time | None = None
    margin_days: int = 0
    after_id: int | None = Field(
        default=None, sa_column=_fk("deadline.id", nullable=True, ondelete="SET NULL")
    )
    done_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Contact(Audited, table=True):
    """One exchange with the client. Whether it still awaits a reply is derived:
    outbound, flagged awaiting, and no later inbound contact on the same project."""

    __tablename__ = "contact"
    __table_args__ = (
        sa.Index("ix_contact_project_at", "project_id", "at"),
        sa.Index("ix_contact_project_direction_at", "project_id", "direction", "at"),
        # The newest contacts first across projects (search).
        sa.Index("ix_contact_at_id", "at", "id"),
        # How many times each project was chased (the board's chase list).
        sa.Index("ix_contact_project_chase", "project_id", "is_chase"),
        # One contact per mail (`relay capture --mail`); contacts typed by hand have none.
        sa.Index("ux_contact_message_id", "message_id", unique=True),
        # "Awaiting a reply" queries: outbound contacts flagged awaiting, by project.
        sa.Index(
            "ix_contact_awaiting",
            "project_id",
            "at",
            sqlite_where=sa.text(AWAITING_INDEX_WHERE),
            postgresql_where=sa.text(AWAITING_INDEX_WHERE),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False
        )
    )
    at: datetime = Field(sa_column=_instant())
    channel: Channel = Field(default=Channel.email, sa_type=_ENUM)
    direction: Direction = Field(default=Direction.outbound, sa_type=sa.String(3))
    summary: str = Field(sa_type=sa.Text)
    awaiting_reply: bool = False
    is_chase: bool = False
    #: The Message-ID of the mail it was captured from (one contact per message).
    message_id: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(sa_column=_instant())


class Validation(Audited, table=True):
    """A deliverable submitted to the client. Validated means locked."""

    __tablename__ = "validation"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    deliverable: str = Field(sa_type=sa.String(200))
    requested_on: date
    validated_on: date | None = None
    validated_by: str = Field(default="", sa_type=sa.String(120))
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class ChangeRequest(Audited, table=True):
    """A validated deliverable reopened: why, and what it had been."""

    __tablename__ = "change_request"

    id: int | None = Field(default=None, primary_key=True)
    validation_id: int = Field(sa_column=_fk("validation.id"))
    reason: str = Field(sa_type=sa.Text)
    previous_validated_on: date | None = None
    previous_validated_by: str = Field(default="", sa_type=sa.String(120))
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class TimeEntry(Audited, table=True):
    __tablename__ = "time_entry"
    __table_args__ = (
        sa.Index("ix_time_entry_project_on", "project_id", "spent_on"),
        # Covers the board's time per project and category.
        sa.Index("ix_time_entry_project_category", "project_id", "category", "spent_on", "minutes"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False
        )
    )
    spent_on: date
    minutes: int
    category: TimeCategory = Field(default=TimeCategory.work, sa_type=_ENUM)
    note: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Incident(Audited, table=True):
    __tablename__ = "incident"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    occurred_on: date
    title: str = Field(sa_type=sa.String(200))
    facts: str = Field(default="", sa_type=sa.Text)
    contract_says: str = Field(default="", sa_type=sa.Text)
    next_step: str = Field(default="", sa_type=sa.Text)
    status: IncidentStatus = Field(default=IncidentStatus.open, sa_type=_ENUM)
    #: What the problem means for the client, for me and the project, and what I propose.
    for_client: str = Field(default="", sa_type=sa.Text, sa_column_kwargs=_EMPTY)
    for_me: str = Field(default="", sa_type=sa.Text, sa_column_kwargs=_EMPTY)
    proposal: str = Field(default="", sa_type=sa.Text, sa_column_kwargs=_EMPTY)
    #: When and how the client was told (None: not yet: the problem is flagged).
    told_on: date | None = None
    told_how: Channel | None = Field(default=None, sa_type=_ENUM)
    #: The client holds me alone responsible for it.
    blamed: bool = Field(default=False, sa_column_kwargs=_FALSE)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class SentReport(Audited, table=True):
    """A status report as it was sent: the next one says what changed since."""

    __tablename__ = "sent_report"
    __table_args__ = (sa.Index("ix_sent_report_project_on", "project_id", "sent_on"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False
        )
    )
    sent_on: date
    #: The user's own words on the period ("this period I…").
    period: str = Field(default="", sa_type=sa.Text)
    #: The Markdown sent.
    body: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class DismissedCard(Audited, table=True):
    """A posture card the user put away for a project, until its situation starts anew."""

    __tablename__ = "dismissed_card"
    __table_args__ = (sa.UniqueConstraint("project_id", "card", name="uq_dismissed_card"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    card: str = Field(sa_type=_ENUM)
    dismissed_on: date


class Retrospective(Audited, table=True):
    """The closing retrospective of a project, saved step by step as a draft."""

    __tablename__ = "retrospective"

    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
        )
    )
    step: int = 0
    format: RetroFormat = Field(default=RetroFormat.worked_not_improve, sa_type=_ENUM)
    worked: str = Field(default="", sa_type=sa.Text)
    not_worked: str = Field(default="", sa_type=sa.Text)
    improve: str = Field(default="", sa_type=sa.Text)
    applied_lessons: str = Field(default="", sa_type=sa.Text)  # comma-separated lesson ids
    lessons_draft: str = Field(
        default="", sa_column=sa.Column(sa.Text, nullable=False, server_default="")
    )
    satisfaction: int | None = None
    completed_at: datetime | None = Field(default=None, sa_column=_instant(nullable=True))
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Lesson(Audited, table=True):
    """A lesson carried forward from a project's retrospective."""

    __tablename__ = "lesson"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    text: str = Field(sa_type=sa.Text)
    tags: str = Field(default="", sa_type=sa.String(200))
    created_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class Handover(Audited, table=True):
    """The closing checklist. Deliverables approved is derived from the validations.

    relay never stores credentials: `access_handed_over` is a flag only.
    """

    __tablename__ = "handover"

    project_id: int = Field(
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
        )
    )
    access_handed_over: bool = False
    invoice_sent_on: date | None = None
    client_thanked: bool = False
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_instant())


class UndoStep(SQLModel, table=True):
    """One change a user made, as it can be taken back (`relay_tui.journal`): what each
    row it touched was before, and the version it left it at. Not part of the exported
    data (ALL_TABLES): it is this store's history of changes, kept for the last steps."""

    __tablename__ = "undo_step"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_column=_instant())
    by: str = Field(default="", sa_type=sa.String(WHO_LENGTH), index=True)
    summary: str = Field(default="", sa_type=sa.Text)
    #: JSON: the rows as they were (see relay_tui.journal).
    rows: str = Field(default="[]", sa_type=sa.Text)
    undone_at: datetime | None = Field(default=None, sa_column=_instant(nullable=True))


ALL_TABLES: tuple[type[SQLModel], ...] = (
    Client,
    Project,
    SelfAssessment,
    Profile,
    CraftCard,
    Stakeholder,
    Commitment,
    Risk,
    Deadline,
    Contact,
    Validation,
    ChangeRequest,
    TimeEntry,
    Incident,
    Retrospective,
    Lesson,
    Handover,
    SentReport,
    DismissedCard,
)

# The store's own tables, in the same metadata (never exported).
from relay_tui.models_local import ReminderSent, StoreMeta  # noqa: E402, F401

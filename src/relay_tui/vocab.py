"""The vocabulary of relay: enumerations and limits, with no heavy imports.

Everything here is shared by the SQLModel tables, the pydantic input models and the
fast command-line paths, which must not import SQLModel, pydantic or Textual.
"""

from __future__ import annotations

from enum import StrEnum

from relay_tui.i18n import N_
from relay_tui.terms import (  # noqa: F401  (re-exported: the limits belong to the vocabulary)
    BUDGET_MAX_MINUTES,
    CHASE_DELAY_DEFAULT,
    CHASE_DELAY_MAX,
    DURATION_MAX_MINUTES,
    EMAIL_MAX,
    MARGIN_MAX_DAYS,
    MESSAGE_ID_MAX,
    NAME_MAX,
    PHONE_MAX,
    PLANNING_HORIZON_DAYS,
    SCALE_MAX,
    SCALE_MIN,
    SUMMARY_MAX,
    TEXT_MAX,
    UNDO_STEPS_KEPT,
)


class ProjectKind(StrEnum):
    corporate = "corporate"
    artistic = "artistic"
    friends = "friends"
    other = "other"


class Phase(StrEnum):
    before = "before"
    during = "during"
    after = "after"


class ProjectStatus(StrEnum):
    active = "active"
    closed = "closed"


class Channel(StrEnum):
    email = "email"
    phone = "phone"
    meeting = "meeting"
    chat = "chat"
    other = "other"


class Direction(StrEnum):
    inbound = "in"
    outbound = "out"


class Party(StrEnum):
    client = "client"
    provider = "provider"


class CommitmentStatus(StrEnum):
    pending = "pending"
    kept = "kept"
    broken = "broken"
    waived = "waived"


class StakeholderRole(StrEnum):
    client = "client"
    sponsor = "sponsor"
    provider = "provider"
    end_users = "end_users"
    hierarchy = "hierarchy"
    investors = "investors"
    political = "political"
    partners = "partners"
    other = "other"


class RiskCategory(StrEnum):
    financial = "financial"
    reputation = "reputation"
    schedule = "schedule"
    scope = "scope"
    accountability = "accountability"
    event_deadline = "event_deadline"
    technical = "technical"
    legal = "legal"
    other = "other"


class RiskStatus(StrEnum):
    open = "open"
    mitigated = "mitigated"
    occurred = "occurred"
    closed = "closed"


class DeadlineKind(StrEnum):
    documents = "documents"
    validation = "validation"
    delivery = "delivery"
    checkpoint = "checkpoint"
    other = "other"


class DeadlineStatus(StrEnum):
    done = "done"
    upcoming = "upcoming"
    in_margin = "in_margin"
    late = "late"


class TimeCategory(StrEnum):
    work = "work"
    rework = "rework"
    meetings = "meetings"
    admin = "admin"


class IncidentStatus(StrEnum):
    open = "open"
    resolved = "resolved"


class Reward(StrEnum):
    financial = "financial"
    intellectual = "intellectual"
    both = "both"


class Stance(StrEnum):
    supplier = "supplier"
    partner = "partner"


class Balance(StrEnum):
    sacrifice = "sacrifice"
    balance = "balance"


class RetroFormat(StrEnum):
    start_stop_continue = "start_stop_continue"
    worked_not_improve = "worked_not_improve"


# Human labels, for screens and reports: message ids, shown with `tr(LABELS[key])`.
ROLE_LABELS: dict[str, str] = {
    "client": N_("Client"),
    "sponsor": N_("Sponsor"),
    "provider": N_("Provider (me)"),
    "end_users": N_("End users"),
    "hierarchy": N_("Client's hierarchy"),
    "investors": N_("Investors"),
    "political": N_("Political"),
    "partners": N_("Partners"),
    "other": N_("Other"),
}

KIND_LABELS: dict[str, str] = {
    "corporate": N_("Corporate"),
    "artistic": N_("Artistic"),
    "friends": N_("For friends"),
    "other": N_("Other"),
}

RISK_CATEGORY_LABELS: dict[str, str] = {
    "financial": N_("Financial"),
    "reputation": N_("Reputation"),
    "schedule": N_("Schedule"),
    "scope": N_("Scope"),
    "accountability": N_("Client accountability"),
    "event_deadline": N_("Event-bound deadline"),
    "technical": N_("Technical"),
    "legal": N_("Legal"),
    "other": N_("Other"),
}

#: A deadline's status in words (the JSON keeps the values of DeadlineStatus).
DEADLINE_STATUS_WORDS: dict[str, str] = {
    "done": N_("done"),
    "upcoming": N_("upcoming"),
    "in_margin": N_("in margin"),
    "late": N_("late"),
}

#: Who acts on a deadline (its owner), in words: the column and the lines that say it.
WHO_ACTS: dict[str, str] = {"client": N_("client"), "provider": N_("me")}

DEADLINE_KIND_LABELS: dict[str, str] = {
    "documents": N_("Documents from client"),
    "validation": N_("Validation from client"),
    "delivery": N_("Delivery"),
    "checkpoint": N_("Checkpoint"),
    "other": N_("Other"),
}


def choices(enum: type[StrEnum]) -> list[str]:
    """The accepted values of an enumeration, in declaration order."""
    return [member.value for member in enum]

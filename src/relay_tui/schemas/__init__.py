"""Pydantic input models: every write is validated here before it reaches a table.

Dates and durations may be given as text (`+3d`, `1h30`): they are parsed with
`relay_tui.domain.parsing` against the `today` / `now` passed in the validation context.
Errors become `InvalidInput` naming the field (`validate`) or a field → message map for
forms that validate as you type (`field_errors`).

The models live in `schemas.records` (the records every phase writes) and
`schemas.phases` (what each phase adds), on `schemas.base`; callers import them from
here.
"""

from __future__ import annotations

from relay_tui.schemas.base import Input, field_errors, validate
from relay_tui.schemas.phases import (
    AssessmentInput,
    CloseInput,
    CommitmentInput,
    CraftCardInput,
    FrameInput,
    IncidentInput,
    LessonInput,
    ProfileInput,
    ReopenInput,
    RetroStepInput,
    RiskUpdateInput,
    StakeholderInput,
    TellInput,
    ValidationDoneInput,
    ValidationRequestInput,
)
from relay_tui.schemas.records import (
    ClientInput,
    ContactInput,
    DeadlineInput,
    ProjectInput,
    RiskInput,
    TimeInput,
)

__all__ = [
    "AssessmentInput",
    "ClientInput",
    "CloseInput",
    "CommitmentInput",
    "ContactInput",
    "CraftCardInput",
    "DeadlineInput",
    "FrameInput",
    "IncidentInput",
    "Input",
    "LessonInput",
    "ProfileInput",
    "ProjectInput",
    "ReopenInput",
    "RetroStepInput",
    "RiskInput",
    "RiskUpdateInput",
    "StakeholderInput",
    "TellInput",
    "TimeInput",
    "ValidationDoneInput",
    "ValidationRequestInput",
    "field_errors",
    "validate",
]

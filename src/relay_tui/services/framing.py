"""The "before" phase: self-assessment, profiles, craft card, key actors, commitments,
risks, frame, lessons and readiness."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.domain import before as rules
from relay_tui.domain import stored
from relay_tui.domain.compatibility import Compatibility, ProfileValues, compatibility
from relay_tui.domain.risks import read_back
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import (
    Client,
    Commitment,
    CraftCard,
    Deadline,
    Lesson,
    Profile,
    Project,
    Risk,
    SelfAssessment,
    Stakeholder,
)
from relay_tui.schemas import (
    AssessmentInput,
    CommitmentInput,
    CraftCardInput,
    FrameInput,
    ProfileInput,
    RiskInput,
    RiskUpdateInput,
    StakeholderInput,
    validate,
)
from relay_tui.services.common import (
    check_version,
    context,
    now_utc,
    take_version,
    upsert_in_project,
)
from relay_tui.vocab import CommitmentStatus, Party, RiskStatus

PROFILE_FIELDS = (
    "structure",
    "precision",
    "energy",
    "scope",
    "channel",
    "experience",
    "feedback",
    "temper",
)
STATUS_CYCLE = ("pending", "kept", "broken", "waived")


@dataclass(frozen=True)
class RiskLine:
    risk: Risk
    score: int
    band: str
    overdue: bool
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line


@dataclass(frozen=True)
class BeforeData:
    project: Project
    client: Client
    assessment: SelfAssessment | None
    warnings: list[str]
    client_profile: ProfileValues
    provider_profile: ProfileValues
    provider_is_override: bool
    match: Compatibility
    stakeholders: list[Stakeholder]
    commitments: list[Commitment]
    risks: list[RiskLine]
    horizon: list[rules.HorizonWarning]
    lessons: list[rules.LessonCandidate]
    missing: list[str]
    craft: CraftCard | None = None
    notes: list[str] = field(default_factory=list)


def _values(profile: Profile | None, problems: list[str] | None = None) -> ProfileValues:
    """A stored profile; an axis out of range counts as the nearest valid value and is
    named in `problems` (`domain.stored`)."""
    if profile is None:
        return ProfileValues()
    values = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    for name, value in values.items():
        if name != "channel" and value is not None:
            values[name], problem = stored.scale(name, value)
            if problem and problems is not None:
                problems.append(f"{profile.party} profile: {problem}")
    return ProfileValues(**values)


def _project(session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound(f"no project with id {project_id}", "project")
    return project


def _profile(session: Session, project_id: int | None, party: str) -> Profile | None:
    query = select(Profile).where(Profile.party == party)
    if project_id is None:
        query = query.where(col(Profile.project_id).is_(None))
    else:
        query = query.where(Profile.project_id == project_id)
    return session.exec(query).first()


def load_before(store: Store, project_id: int, today: date) -> BeforeData:
    with store.read() as session:
        project = _project(session, project_id)
        client = session.get(Client, project.client_id)
        assert client is not None
        assessment = session.get(SelfAssessment, project_id)
        client_profile = _profile(session, project_id, Party.client)
        override = _profile(session, project_id, Party.provider)
        default = _profile(session, None, Party.provider)
        stakeholders = list(
            session.exec(
                select(Stakeholder)
                .where(Stakeholder.project_id == project_id)
                .order_by(
                    col(Stakeholder.influence).desc(),
                    col(Stakeholder.interest).desc(),
                    col(Stakeholder.id),
                )
            ).all()
        )
        commitments = list(
            session.exec(
                select(Commitment)
                .where(Commitment.project_id == project_id)
                .order_by(col(Commitment.party), col(Commitment.position), col(Commitment.id))
            ).all()
        )
        risks = list(
            session.exec(
                select(Risk).where(Risk.project_id == project_id).order_by(col(Risk.id))
            ).all()
        )
        deadlines = session.exec(
            select(Deadline.id, Deadline.title, Deadline.due_on).where(
                Deadline.project_id == project_id
            )
        ).all()
        lesson_rows = session.exec(
            select(Lesson, Project.name, Project.client_id, Project.kind)
            .join(Project, col(Project.id) == col(Lesson.project_id))
            .where(Lesson.project_id != project_id)
        ).all()
        craft = session.get(CraftCard, 1)
    provider = override or default
    flagged: list[str] = []
    client_values, provider_values = _values(client_profile, flagged), _values(provider, flagged)
    checked = [(r, read_back(r.probability, r.impact, r.category, r.status)) for r in risks]
    lines = [
        RiskLine(
            risk=r,
            score=c.score,
            band=c.band,
            overdue=rules.review_overdue(r.review_on, str(r.status), today),
            problems=c.problems,
        )
        for r, c in checked
    ]
    lines.sort(key=lambda line: (line.risk.status != RiskStatus.open, -line.score, line.risk.id))
    lessons = rules.rank_lessons(
        [
            rules.LessonCandidate(
                id=lesson.id,  # type: ignore[arg-type]
                text=lesson.text,
                tags=lesson.tags,
                project=name,
                same_client=client_id == project.client_id,
                same_kind=kind == project.kind,
            )
            for lesson, name, client_id, kind in lesson_rows
        ]
    )
    warnings = rules.assessment_warnings(
        assessment.reward if assessment else None,
        assessment.paid if assessment else None,
        assessment.stance if assessment else None,
        assessment.balance if assessment else None,
        assessment.ready_for_failure if assessment else None,
    )
    missing = rules.readiness(
        contract_signed=project.contract_signed_on is not None,
        client_profile_known=client_values.known(),
        delivery_on=project.delivery_on,
        risks=[(c.probability, c.impact, str(r.status), r.mitigation) for r, c in checked],
    )
    return BeforeData(
        project=project,
        client=client,
        assessment=assessment,
        warnings=warnings + flagged,
        client_profile=client_values,
        provider_profile=provider_values,
        provider_is_override=override is not None,
        match=compatibility(client_values, provider_values),
        stakeholders=stakeholders,
        commitments=commitments,
        risks=lines,
        horizon=rules.horizon_warnings(
            [rules.DatedStep(i, t, d) for i, t, d in deadlines], project.start_on
        ),
        lessons=lessons,
        missing=missing,
        craft=craft,
    )


# --- writes ---------------------------------------------------------------------------


def save_assessment(store: Store, project_id: int, data: dict[str, Any]) -> SelfAssessment:
    fields, version = take_version(data)
    clean = validate(AssessmentInput, fields)
    with store.write() as session:
        _project(session, project_id)
        found = session.get(SelfAssessment, project_id)
        if found is not None:
            check_version(found, version, "self-assessment")
        row = found or SelfAssessment(project_id=project_id)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        return row


def save_profile(store: Store, project_id: int | None, party: str, data: dict[str, Any]) -> Profile:
    """The client's profile of a project, or the provider's (project None: my default)."""
    if party not in ("client", "provider"):
        raise InvalidInput(f"{party!r} is not client or provider", "party")
    if party == "client" and project_id is None:
        raise InvalidInput("a client profile belongs to a project", "project")
    clean = validate(ProfileInput, data)
    values = clean.model_dump()
    if party == "provider":
        for trait in ("experience", "feedback", "temper"):
            values[trait] = None
    with store.write() as session:
        if project_id is not None:
            _project(session, project_id)
        row = _profile(session, project_id, party) or Profile(
            project_id=project_id, party=Party(party)
        )
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        session.flush()
        return row


def drop_provider_override(store: Store, project_id: int) -> bool:
    with store.write() as session:
        row = _profile(session, project_id, Party.provider)
        if row is None:
            return False
        session.delete(row)
        return True


def provider_default(store: Store) -> ProfileValues:
    with store.read() as session:
        return _values(_profile(session, None, Party.provider))


def save_stakeholder(
    store: Store, project_id: int, data: dict[str, Any], stakeholder_id: int | None = None
) -> Stakeholder:
    fields, version = take_version(data)
    clean = validate(StakeholderInput, fields)
    with store.write() as session:
        return upsert_in_project(
            session,
            Stakeholder,
            project_id,
            stakeholder_id,
            clean.model_dump(),
            "key actor",
            expected_version=version,
        )


def delete_stakeholder(store: Store, stakeholder_id: int, *, version: int | None = None) -> None:
    """Remove a key actor (refused if changed since `version` was read)."""
    with store.write() as session:
        row = session.get(Stakeholder, stakeholder_id)
        if row is None:
            raise NotFound(f"no key actor #{stakeholder_id}", "id")
        check_version(row, version, "key actor")
        session.delete(row)


def cycle_commitment(store: Store, commitment_id: int, *, version: int | None = None) -> Commitment:
    """One key: pending → kept → broken → waived → pending (from the status shown: refused
    if the commitment changed since `version` was read)."""
    with store.write() as session:
        row = session.get(Commitment, commitment_id)
        if row is None:
            raise NotFound(f"no commitment #{commitment_id}", "id")
        check_version(row, version, "commitment")
        index = STATUS_CYCLE.index(str(row.status)) if str(row.status) in STATUS_CYCLE else -1
        row.status = CommitmentStatus(STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])
        session.add(row)
        return row


def save_commitment(
    store: Store,
    project_id: int,
    data: dict[str, Any],
    commitment_id: int | None = None,
    *,
    now: datetime | None = None,
) -> Commitment:
    fields, version = take_version(data)
    clean = validate(CommitmentInput, fields, context(now))
    with store.write() as session:
        _project(session, project_id)
        if commitment_id is None:
            last = session.exec(
                select(Commitment.position)
                .where(Commitment.project_id == project_id)
                .order_by(col(Commitment.position).desc())
            ).first()
            row = Commitment(
                project_id=project_id, party=clean.party, text=clean.text, position=(last or 0) + 1
            )
        else:
            found = session.get(Commitment, commitment_id)
            if found is None or found.project_id != project_id:
                raise NotFound(f"no commitment #{commitment_id} in this project", "id")
            check_version(found, version, "commitment")
            row = found
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        session.add(row)
        session.flush()
        return row


def update_risk(
    store: Store, risk_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Risk:
    fields, version = take_version(data)
    with store.write() as session:
        row = session.get(Risk, risk_id)
        if row is None:
            raise NotFound(f"no risk #{risk_id}", "id")
        check_version(row, version, "risk")
        ctx = {**context(now), "previous_review_on": row.review_on}
        clean = validate(RiskUpdateInput, {**fields, "project_id": row.project_id}, ctx)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        session.add(row)
        return row


def set_risk_status(store: Store, risk_id: int, status: str, *, version: int | None = None) -> Risk:
    if status not in {s.value for s in RiskStatus}:
        raise InvalidInput(f"{status!r} is not one of open, mitigated, occurred, closed", "status")
    with store.write() as session:
        row = session.get(Risk, risk_id)
        if row is None:
            raise NotFound(f"no risk #{risk_id}", "id")
        check_version(row, version, "risk")
        row.status = RiskStatus(status)
        session.add(row)
        return row


def list_risks(store: Store, project_id: int, today: date) -> list[RiskLine]:
    return load_before(store, project_id, today).risks


def save_frame(
    store: Store, project_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Project:
    fields, version = take_version(data)
    clean = validate(FrameInput, fields, context(now))
    with store.write() as session:
        project = _project(session, project_id)
        check_version(project, version, "project")
        for key, value in clean.model_dump().items():
            if key == "chase_delay_days" and value is None:
                continue
            setattr(project, key, value)
        session.add(project)
        return project


def get_craft_card(store: Store) -> CraftCard:
    with store.read() as session:
        return session.get(CraftCard, 1) or CraftCard(id=1)


def save_craft_card(store: Store, data: dict[str, Any]) -> CraftCard:
    fields, version = take_version(data)
    clean = validate(CraftCardInput, fields)
    with store.write() as session:
        found = session.get(CraftCard, 1)
        if found is not None:
            check_version(found, version, "craft card")
        row = found or CraftCard(id=1)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        return row


def lesson_to_risk(store: Store, lesson_id: int, project_id: int) -> Risk:
    with store.write() as session:
        lesson = session.get(Lesson, lesson_id)
        if lesson is None:
            raise NotFound(f"no lesson #{lesson_id}", "lesson")
        _project(session, project_id)
        title = _first_sentence(lesson.text)
        exists = session.exec(
            select(Risk.id).where(Risk.project_id == project_id, Risk.title == title)
        ).first()
        if exists is not None:
            raise Conflict("this lesson is already a risk of the project", "lesson")
        clean = validate(
            RiskInput,
            {
                "project_id": project_id,
                "title": title,
                "probability": 3,
                "impact": 3,
                "mitigation": f"Lesson learnt: {lesson.text}"[:4000],
            },
        )
        risk = Risk(**clean.model_dump())
        session.add(risk)
        session.flush()
        return risk


def lesson_to_commitment(store: Store, lesson_id: int, project_id: int) -> Commitment:
    with store.write() as session:
        lesson = session.get(Lesson, lesson_id)
        if lesson is None:
            raise NotFound(f"no lesson #{lesson_id}", "lesson")
        _project(session, project_id)
        exists = session.exec(
            select(Commitment.id).where(
                Commitment.project_id == project_id, Commitment.text == lesson.text
            )
        ).first()
        if exists is not None:
            raise Conflict("this lesson is already a commitment of the project", "lesson")
        last = session.exec(
            select(Commitment.position)
            .where(Commitment.project_id == project_id)
            .order_by(col(Commitment.position).desc())
        ).first()
        row = Commitment(
            project_id=project_id,
            party=Party.provider,
            text=lesson.text,
            note="From an earlier retrospective",
            position=(last or 0) + 1,
        )
        session.add(row)
        session.flush()
        return row


def _first_sentence(text: str, limit: int = 200) -> str:
    head = text.strip().split("\n", 1)[0]
    return head if len(head) <= limit else head[: limit - 1] + "…"

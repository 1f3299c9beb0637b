"""Read model of the before pane: everything its tabs show, in one read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain import before as rules
from relay_tui.domain.compatibility import Compatibility, ProfileValues, compatibility
from relay_tui.domain.kickoff import planned_ids
from relay_tui.domain.risks import read_back
from relay_tui.models import (
    Client,
    Commitment,
    CraftCard,
    Deadline,
    Lesson,
    Project,
    Risk,
    SelfAssessment,
    Stakeholder,
)
from relay_tui.services.actors import ActorView
from relay_tui.services.commitments import CommitmentView
from relay_tui.services.common import get_project, view_of
from relay_tui.services.craft import CraftView
from relay_tui.services.profiles import AssessmentView, find_profile, profile_values
from relay_tui.services.projects import FrameView, frame_of
from relay_tui.services.risks import RiskLine, RiskView
from relay_tui.services.team import is_shared
from relay_tui.vocab import Party, RiskStatus


@dataclass(frozen=True)
class BeforeData:
    project: FrameView
    client: str
    assessment: AssessmentView | None
    warnings: list[str]
    client_profile: ProfileValues
    provider_profile: ProfileValues
    provider_is_override: bool
    match: Compatibility
    stakeholders: list[ActorView]
    commitments: list[CommitmentView]
    risks: list[RiskLine]
    horizon: list[rules.HorizonWarning]
    lessons: list[rules.LessonCandidate]
    missing: list[str]
    craft: CraftView | None = None
    notes: list[str] = field(default_factory=list)
    #: Several people write to the store (services.team.is_shared): say who changed what.
    shared: bool = False
    #: The lessons planned for this project at framing, by id (`Project.lessons_planned`).
    planned: frozenset[int] = frozenset()


def load_before(store: Store, project_id: int, today: date) -> BeforeData:
    with store.read() as session:
        project = get_project(session, project_id)
        client = session.get(Client, project.client_id)
        assert client is not None
        assessment = session.get(SelfAssessment, project_id)
        client_profile = find_profile(session, project_id, Party.client)
        override = find_profile(session, project_id, Party.provider)
        default = find_profile(session, None, Party.provider)
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
        views = (
            frame_of(project),
            client.name,
            view_of(AssessmentView, assessment) if assessment else None,
            [view_of(ActorView, row) for row in stakeholders],
            [view_of(CommitmentView, row) for row in commitments],
            view_of(CraftView, craft) if craft else None,
        )
        risk_views = [view_of(RiskView, row) for row in risks]
    provider = override or default
    flagged: list[str] = []
    client_values, provider_values = (
        profile_values(client_profile, flagged),
        profile_values(provider, flagged),
    )
    checked = [(r, read_back(r.probability, r.impact, r.category, r.status)) for r in risk_views]
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
                version=lesson.version,
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
        rigour=views[0].rigour(),
    )
    frame, client_name, assessment_view, actors, promises, craft_view = views
    return BeforeData(
        project=frame,
        client=client_name,
        assessment=assessment_view,
        warnings=warnings + flagged,
        client_profile=client_values,
        provider_profile=provider_values,
        provider_is_override=override is not None,
        match=compatibility(client_values, provider_values),
        stakeholders=actors,
        commitments=promises,
        risks=lines,
        horizon=rules.horizon_warnings(
            [rules.DatedStep(i, t, d) for i, t, d in deadlines], project.start_on
        ),
        lessons=lessons,
        missing=missing,
        craft=craft_view,
        shared=is_shared(store),
        planned=frozenset(planned_ids(project.lessons_planned)),
    )

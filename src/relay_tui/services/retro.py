"""The retrospective: its facts, saved step by step as a draft, finished, as Markdown, and
the lessons it carries forward to the next projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select

from relay_tui.db import Store
from relay_tui.domain import after as rules
from relay_tui.domain import stored
from relay_tui.domain.kickoff import planned_ids
from relay_tui.domain.parsing import format_duration
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.i18n import N_, tr, trp
from relay_tui.models import (
    Commitment,
    Contact,
    Deadline,
    Incident,
    Lesson,
    Project,
    Retrospective,
    Risk,
    SelfAssessment,
    TimeEntry,
    Validation,
)
from relay_tui.schemas import LessonInput, RetroStepInput, validate
from relay_tui.services.common import (
    apply,
    edited,
    get_project,
    now_utc,
    row_to_change,
    take_version,
)
from relay_tui.services.kickoff import planned_lessons


def retro_facts(store: Store, project_id: int) -> rules.RetroFacts:
    with store.read() as session:
        project = get_project(session, project_id)
        deadlines = session.exec(
            select(Deadline.due_on, Deadline.done_on).where(Deadline.project_id == project_id)
        ).all()
        contacts = session.exec(
            select(Contact.at, Contact.direction, Contact.awaiting_reply).where(
                Contact.project_id == project_id
            )
        ).all()
        chases = session.exec(
            select(func.count())
            .select_from(Contact)
            .where(Contact.project_id == project_id, col(Contact.is_chase).is_(True))
        ).one()
        validations = session.exec(
            select(Validation.requested_on, Validation.validated_on).where(
                Validation.project_id == project_id
            )
        ).all()
        # Minutes out of range (a hand-edited store) are left out, and counted.
        valid = col(TimeEntry.minutes).between(*stored.limits("time_entry", "minutes"))
        logged, left_out = session.exec(
            select(
                func.coalesce(func.sum(sa.case((valid, col(TimeEntry.minutes)), else_=0)), 0),
                func.coalesce(func.sum(sa.case((valid, 0), else_=1)), 0),
            ).where(TimeEntry.project_id == project_id)
        ).one()
        occurred = session.exec(
            select(Risk.title).where(Risk.project_id == project_id, Risk.status == "occurred")
        ).all()
        incidents = session.exec(
            select(func.count()).select_from(Incident).where(Incident.project_id == project_id)
        ).one()
        statuses = session.exec(
            select(Commitment.status).where(Commitment.project_id == project_id)
        ).all()
        assessment = session.get(SelfAssessment, project_id)
    on_time, done = rules.deadlines_on_time(list(deadlines))
    summary = tr("not filled in")
    if assessment is not None:
        paid = "?"
        if assessment.paid is not None:
            paid = trp("self-assessment", "paid") if assessment.paid else tr("unpaid")
        summary = tr(
            "reward: {reward}, {paid}, stance: {stance}, {balance}",
            reward=assessment.reward or "?",
            paid=paid,
            stance=assessment.stance or "?",
            balance=assessment.balance or "?",
        )
    return rules.RetroFacts(
        deadlines_total=done,
        deadlines_on_time=on_time,
        client_response_hours=rules.client_response_hours(
            [(at, str(direction), awaiting) for at, direction, awaiting in contacts]
        ),
        chases=chases,
        validation_delay_days=rules.validation_delay_days(list(validations)),
        logged_minutes=int(logged or 0),
        budget_minutes=stored.budget(project.budget_minutes)[0],
        risks_occurred=list(occurred),
        incidents=incidents,
        commitments_kept=sum(1 for s in statuses if s == "kept"),
        commitments_broken=sum(1 for s in statuses if s == "broken"),
        assessment=summary,
        problems=stored.collect(
            stored.budget(project.budget_minutes)[1], stored.entries_left_out(int(left_out or 0))
        ),
    )


def _decimal(value: float, places: int) -> str:
    """`2.5` / `2,5`, always with `places` decimals (as the English text had them)."""
    return f"{value:.{places}f}".replace(".", trp("decimal separator", "."))


def _hours_line(facts: rules.RetroFacts) -> str:
    budget = facts.budget_minutes
    if not facts.logged_minutes:
        if budget:
            return tr("none logged (budget {budget})", budget=format_duration(budget))
        return tr("none logged")
    logged = format_duration(facts.logged_minutes)
    if budget:
        percent = round(facts.logged_minutes / budget * 100)
        return tr(
            "{logged} logged for a budget of {budget} ({percent}%)",
            logged=logged,
            budget=format_duration(budget),
            percent=percent,
        )
    return tr("{logged} logged", logged=logged)


def facts_lines(facts: rules.RetroFacts) -> list[str]:
    """The facts of a retrospective, one line each, in the language being written."""
    response = tr("no reply measured")
    if facts.client_response_hours is not None:
        response = tr("{hours} h on average", hours=round(facts.client_response_hours))
    delay = (
        tr("{days} days on average", days=_decimal(facts.validation_delay_days, 1))
        if facts.validation_delay_days is not None
        else tr("no validation measured")
    )
    occurred = ", ".join(facts.risks_occurred) if facts.risks_occurred else tr("none")
    return [
        tr(
            "Deadlines kept on time: {on_time} of the {total} done",
            on_time=facts.deadlines_on_time,
            total=facts.deadlines_total,
        ),
        tr("Client response time: {response}", response=response),
        tr("Chases: {count}", count=facts.chases),
        tr("Validation delay: {delay}", delay=delay),
        tr("Time: {hours}", hours=_hours_line(facts)),
        tr("Risks that occurred: {risks}", risks=occurred),
        tr("Incidents: {count}", count=facts.incidents),
        tr(
            "Commitments: {kept} kept, {broken} broken",
            kept=facts.commitments_kept,
            broken=facts.commitments_broken,
        ),
        tr("Self-assessment at the start: {assessment}", assessment=facts.assessment),
        *(f"{stored.FLAG} {problem}" for problem in facts.problems),
    ]


@dataclass(frozen=True)
class RetroView:
    """A project's retrospective as saved: a draft at `step`, or finished."""

    step: int
    format: str
    worked: str
    not_worked: str
    improve: str
    lessons_draft: str
    #: The earlier lessons applied on this project, by id.
    applied: frozenset[int]
    satisfaction: int | None
    completed_at: datetime | None
    #: The earlier lessons planned for this project at framing, by id, in the order
    #: planned (`Project.lessons_planned`; a lesson deleted since is left out).
    planned: tuple[int, ...] = ()

    @property
    def finished(self) -> bool:
        return self.completed_at is not None

    @property
    def kept(self) -> frozenset[int]:
        """The lessons planned at framing that were kept (ticked as applied)."""
        return frozenset(self.planned) & self.applied


def get_retro(store: Store, project_id: int) -> RetroView:
    """The saved retrospective of a project, or a blank one not started."""
    with store.read() as session:
        project = get_project(session, project_id)
        row = session.get(Retrospective, project_id) or Retrospective(project_id=project_id)
        planned = tuple(lesson.id for lesson in planned_lessons(session, project))
        return RetroView(
            step=row.step,
            format=str(row.format),
            worked=row.worked,
            not_worked=row.not_worked,
            improve=row.improve,
            lessons_draft=row.lessons_draft,
            applied=frozenset(
                int(i) for i in row.applied_lessons.split(",") if i.strip().isdigit()
            ),
            satisfaction=row.satisfaction,
            completed_at=row.completed_at,
            planned=planned,  # type: ignore[arg-type]
        )


def save_retro_step(store: Store, project_id: int, data: dict[str, Any]) -> Retrospective:
    """Save what the step holds as a draft, and remember the step to resume at."""
    clean = validate(RetroStepInput, data)
    with store.write() as session:
        get_project(session, project_id)
        row = session.get(Retrospective, project_id) or Retrospective(project_id=project_id)
        if row.completed_at is not None:
            raise Conflict(tr("this retrospective is finished"), "step")
        for key, value in clean.model_dump().items():
            if value is not None:
                setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        return row


def earlier_lessons(store: Store, project_id: int) -> list[tuple[int, str, str]]:
    """Lessons of earlier projects for the question "which of them did you apply?": (id,
    text, project), the ones planned at framing first (in the order planned), then the
    others of the same client, then of the same kind (`planned_first` splits them)."""
    with store.read() as session:
        project = get_project(session, project_id)
        rows = session.exec(
            select(Lesson.id, Lesson.text, Project.name, Project.client_id, Project.kind)
            .join(Project, col(Project.id) == col(Lesson.project_id))
            .where(Lesson.project_id != project_id)
        ).all()
    planned = planned_ids(project.lessons_planned)
    first = {i: (i, t, n) for i, t, n, c, k in rows if i in planned}
    rest = [r for r in rows if r[0] not in first]
    same = [(i, t, n) for i, t, n, c, k in rest if c == project.client_id]
    kind = [(i, t, n) for i, t, n, c, k in rest if c != project.client_id and k == project.kind]
    return (
        [first[i] for i in planned if i in first]
        + sorted(same, key=lambda r: -r[0])
        + sorted(kind, key=lambda r: -r[0])
    )


def finish_retro(store: Store, project_id: int, *, now: datetime | None = None) -> list[Lesson]:
    """Complete the retrospective: its lessons become lessons carried forward."""
    with store.write() as session:
        get_project(session, project_id)
        row = session.get(Retrospective, project_id)
        if row is None:
            raise InvalidInput(tr("the retrospective has not been started"), "step")
        if row.completed_at is not None:
            raise Conflict(tr("this retrospective is already finished"), "step")
        lessons = [
            Lesson(project_id=project_id, text=text, tags=tags)
            for text, tags in rules.parse_lessons(row.lessons_draft)
        ]
        for lesson in lessons:
            session.add(lesson)
        row.completed_at = now_utc(now)
        row.step = len(rules.STEPS) - 1
        session.add(row)
        session.flush()
        return lessons


def retro_markdown(store: Store, project_id: int) -> str:
    with store.read() as session:
        project = get_project(session, project_id)
        lessons = session.exec(
            select(Lesson).where(Lesson.project_id == project_id).order_by(col(Lesson.id))
        ).all()
    row = get_retro(store, project_id)
    titles = rules.step_titles(str(row.format))
    facts = retro_facts(store, project_id)
    lines = [tr("# Retrospective: {project}", project=project.name), ""]
    if row.completed_at is None:
        lines += [tr("_Draft: not finished yet._"), ""]
    lines += [f"## {titles[0]}", "", *(f"- {line}" for line in facts_lines(facts)), ""]
    for index, key in ((1, "worked"), (2, "not_worked"), (3, "improve")):
        text = getattr(row, key).strip()
        lines += [f"## {titles[index]}", "", text or tr("_Nothing written._"), ""]
    lines += [f"## {titles[4]}", ""]
    if lessons:
        lines += [
            f"- {lesson.text}" + (f" ({lesson.tags})" if lesson.tags else "") for lesson in lessons
        ]
    elif row.lessons_draft.strip():
        lines += [f"- {text}" for text, _ in rules.parse_lessons(row.lessons_draft)]
    else:
        lines.append(tr("_None._"))
    if row.planned:
        with store.read() as session:
            texts = dict(
                session.exec(
                    select(Lesson.id, Lesson.text).where(col(Lesson.id).in_(row.planned))
                ).all()
            )
        lines += rules.planned_section(
            [(texts[i], i in row.applied) for i in row.planned if i in texts]
        )
    satisfaction = tr("{score}/5", score=row.satisfaction) if row.satisfaction else tr("not given")
    lines += ["", f"## {titles[5]}", "", satisfaction, ""]
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class LessonView:
    id: int
    text: str
    tags: str
    version: int = 1  # sent back by the edit form


def lessons_view(store: Store, project_id: int) -> list[LessonView]:
    """The lessons the project's retrospective carried forward, oldest first."""
    with store.read() as session:
        rows = session.exec(
            select(Lesson).where(Lesson.project_id == project_id).order_by(col(Lesson.id))
        ).all()
        return [LessonView(row.id, row.text, row.tags, row.version) for row in rows]  # type: ignore[arg-type]


def edit_lesson(store: Store, lesson_id: int, data: dict[str, Any]) -> Lesson:
    """Reword a lesson carried forward, or its tags; refused if someone changed it since
    `data["version"]` was read."""
    fields, version = take_version(data)
    with store.write() as session:
        row = row_to_change(session, Lesson, lesson_id, version, N_("lesson"))
        return apply(row, edited(row, LessonInput, fields, {}))

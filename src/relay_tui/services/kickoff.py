"""The framing's documents for the client (`relay export commitments` and `relay export
kickoff`, and the same in the app), and the lessons planned at framing (`p` on the
lessons tab of the before phase)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.domain import kickoff as doc
from relay_tui.domain.before import next_cycle_end
from relay_tui.i18n import speaking
from relay_tui.models import Client, Commitment, Deadline, Lesson, Project, Risk
from relay_tui.services.common import get_project, lesson_for
from relay_tui.vocab import CommitmentStatus, Party

# --- the lessons planned at framing -----------------------------------------------------


def plan_lesson(store: Store, project_id: int, lesson_id: int, planned: bool) -> Project:
    """Plan the lesson `lesson_id` for project `project_id` at its framing, or no longer
    (`NotFound` when either is gone). One change, taken back by undo."""
    with store.write() as session:
        lesson_for(session, lesson_id, project_id)
        project = get_project(session, project_id)
        project.lessons_planned = doc.replan(project.lessons_planned, lesson_id, planned)
        session.add(project)
        return project


def planned_lessons(session: Session, project: Project) -> list[Lesson]:
    """The lessons planned for `project` that still exist, in the order planned."""
    ids = doc.planned_ids(project.lessons_planned)
    if not ids:
        return []
    rows = {
        row.id: row for row in session.exec(select(Lesson).where(col(Lesson.id).in_(ids))).all()
    }
    return [rows[i] for i in ids if i in rows]


# --- the documents ----------------------------------------------------------------------


def _promises(session: Session, project_id: int) -> list[doc.Promise]:
    """Both sides' commitments, as agreed: the ones waived are no longer commitments."""
    rows = session.exec(
        select(Commitment)
        .where(Commitment.project_id == project_id, Commitment.status != CommitmentStatus.waived)
        .order_by(col(Commitment.position), col(Commitment.id))
    ).all()
    return [doc.Promise(str(row.party), row.text, row.due_on) for row in rows]


def commitments_document(
    store: Store, project: int | str | None, today: date
) -> tuple[Project, str]:
    """The mutual commitments of `project` for its contract's appendix, in its client's
    language."""
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        promises = _promises(session, found.id)  # type: ignore[arg-type]
    with speaking(client.language if client else None):
        text = doc.commitments_markdown(found.name, client.name if client else "", today, promises)
    return found, text


def _planned(session: Session, project: Project) -> list[doc.PlannedLesson]:
    """The lessons planned, each with what this project does about it: the mitigation of
    the risk it became (when the user wrote more than the lesson), or that it became
    one of my commitments."""
    lessons = planned_lessons(session, project)
    if not lessons:
        return []
    risks = session.exec(
        select(Risk.title, Risk.mitigation).where(Risk.project_id == project.id)
    ).all()
    mine = set(
        session.exec(
            select(Commitment.text).where(
                Commitment.project_id == project.id, Commitment.party == Party.provider
            )
        ).all()
    )
    planned = []
    for lesson in lessons:
        head = lesson.text.strip().split("\n", 1)[0]
        action = next(
            (
                mitigation
                for title, mitigation in risks
                if title.rstrip("…")
                and head.startswith(title.rstrip("…"))
                and mitigation.strip()
                and lesson.text.strip() not in mitigation
            ),
            "",
        )
        planned.append(doc.PlannedLesson(lesson.text, action, lesson.text in mine))
    return planned


def kickoff_document(store: Store, project: int | str | None, today: date) -> tuple[Project, str]:
    """The kick-off summary of `project` for its client, in the client's language."""
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        bells = session.exec(
            select(Deadline.title, Deadline.due_on, Deadline.owner)
            .where(Deadline.project_id == found.id, col(Deadline.done_on).is_(None))
            .order_by(col(Deadline.due_on), col(Deadline.id))
        ).all()
        promises = _promises(session, found.id)  # type: ignore[arg-type]
        lessons = _planned(session, found)
    cycle_end = None
    if found.start_on is not None and found.cycle_days and found.cycle_days > 0:
        cycle_end = next_cycle_end(found.start_on, found.cycle_days, today)
        if found.delivery_on is not None and cycle_end >= found.delivery_on:
            cycle_end = None  # the delivery ends it
    data = doc.KickoffData(
        project=found.name,
        client=client.name if client else "",
        today=today,
        frame=doc.Frame(
            working_method=found.working_method,
            cycle_days=found.cycle_days,
            report_every_days=found.report_every_days,
            written_validations=found.rigour_written_validations,
            progress_point=found.rigour_progress_point,
            single_contact=found.rigour_single_contact,
            changes_in_writing=found.rigour_changes_in_writing,
        ),
        start_on=found.start_on,
        delivery_on=found.delivery_on,
        cycle_end=cycle_end,
        bells=[doc.Bell(title, due, owner == Party.client) for title, due, owner in bells],
        commitments=promises,
        lessons=lessons,
    )
    with speaking(client.language if client else None):
        return found, doc.kickoff_markdown(data)

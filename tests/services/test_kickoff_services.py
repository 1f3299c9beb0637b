"""The lessons planned at framing (one undo step, a deleted lesson drops out), the
kick-off summary and the commitments for the contract as the services write them, and the
retrospective that says which planned lessons were kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.errors import NotFound
from relay_tui.models import Commitment, Lesson, Project, Risk
from relay_tui.services import undo
from relay_tui.services.before_view import load_before
from relay_tui.services.clients import add_client
from relay_tui.services.commitments import lesson_to_commitment
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.kickoff import commitments_document, kickoff_document, plan_lesson
from relay_tui.services.projects import add_project, save_frame
from relay_tui.services.retro import earlier_lessons, get_retro, retro_markdown, save_retro_step
from relay_tui.services.risks import lesson_to_risk
from tests.conftest import FIXED_NOW

TODAY = date(2026, 11, 23)


def _setup(store: Store, language: str | None = None) -> tuple[int, list[int]]:
    """A client with a past project whose retrospective left three lessons, and a new
    project being framed: (the new project's id, the lesson ids, oldest first)."""
    add_client(store, {"name": "Marie Lambert", "language": language})
    old = add_project(store, {"name": "Old site", "client": "Marie"}, now=FIXED_NOW)
    new = add_project(store, {"name": "New site", "client": "Marie"}, now=FIXED_NOW)
    with store.write() as session:
        lessons = [
            Lesson(project_id=old.id, text=text)  # type: ignore[arg-type]
            for text in (
                "Ask for the photos in the contract",
                "Validations come late",
                "Demo every week",
            )
        ]
        session.add_all(lessons)
        session.flush()
        ids = [lesson.id for lesson in lessons]
    return new.id, ids  # type: ignore[return-value]


def _planned(store: Store, project_id: int) -> str:
    with store.read() as session:
        project = session.get(Project, project_id)
        assert project is not None
        return project.lessons_planned


def test_planning_a_lesson_is_stored_shown_and_taken_back_by_undo(store: Store) -> None:
    pid, (photos, late, _) = _setup(store)
    plan_lesson(store, pid, late, True)
    plan_lesson(store, pid, photos, True)
    assert _planned(store, pid) == f"{late},{photos}"
    assert load_before(store, pid, TODAY).planned == {late, photos}

    plan_lesson(store, pid, late, False)
    assert _planned(store, pid) == str(photos)
    undo.undo_last(store, now=FIXED_NOW)  # one step: the last change only
    assert _planned(store, pid) == f"{late},{photos}"

    with pytest.raises(NotFound):
        plan_lesson(store, pid, 9999, True)
    assert _planned(store, pid) == f"{late},{photos}"


def test_the_kickoff_summary_shows_the_frame_dates_commitments_and_lessons(store: Store) -> None:
    pid, (photos, late, demo) = _setup(store)
    save_frame(
        store,
        pid,
        {
            "working_method": "Short cycles",
            "cycle_days": 14,
            "start_on": "2026-11-16",
            "delivery_on": "2027-01-15",
        },
        now=FIXED_NOW,
    )
    with store.write() as session:
        project = session.get(Project, pid)
        assert project is not None
        project.rigour_written_validations = True
        project.rigour_single_contact = True
        session.add(project)
    add_deadline(
        store,
        {"project": pid, "title": "Photos", "due_on": "2026-12-02", "owner": "client"},
        now=FIXED_NOW,
    )
    done = add_deadline(
        store, {"project": pid, "title": "Brief", "due_on": "2026-11-20"}, now=FIXED_NOW
    )
    with store.write() as session:
        bell = session.get(type(done), done.id)
        assert bell is not None
        bell.done_on = date(2026, 11, 20)
        session.add(bell)
        # One commitment waived: no longer one.
        waived = session.exec(select(Commitment).where(Commitment.project_id == pid)).first()
        assert waived is not None
        waived.status = "waived"  # type: ignore[assignment]
        waived_text = waived.text
        session.add(waived)
    # A lesson turned into a risk whose mitigation the user wrote, one into my commitment.
    risk = lesson_to_risk(store, late, pid)
    with store.write() as session:
        row = session.get(Risk, risk.id)
        assert row is not None
        row.mitigation = "A 48 h validation delay in the contract"
        session.add(row)
    lesson_to_commitment(store, demo, pid)
    for lesson in (photos, late, demo):
        plan_lesson(store, pid, lesson, True)

    project, text = kickoff_document(store, pid, TODAY)
    assert project.name == "New site"
    assert text.startswith("# New site: kick-off\n\nFor Marie Lambert, Monday 23 November 2026.")
    assert "Short cycles\n\nWe work in cycles of 14 days" in text
    assert "- Each step is validated in writing before the next one starts." in text
    assert "- One contact person on your side, who takes the decisions." in text
    assert "progress point" not in text and "settled in writing" not in text
    dates = text.split("## Key dates\n\n")[1].split("\n\n")[0].splitlines()
    assert dates == [
        "- Monday 16 November 2026: start of the project",
        "- Monday 30 November 2026: end of the current cycle",
        "- Wednesday 2 December 2026: Photos (on your side)",
        "- Friday 15 January 2027: delivery",
    ]  # the bell done is left out
    assert waived_text not in text
    lessons = text.split("what we do about it\n\n")[1].splitlines()
    assert lessons == [
        "- Ask for the photos in the contract",
        "- Validations come late: A 48 h validation delay in the contract",
        "- Demo every week: it is one of my commitments above.",
    ]

    # A lesson deleted since simply drops out.
    with store.write() as session:
        gone = session.get(Lesson, photos)
        session.delete(gone)
    _, text = kickoff_document(store, pid, TODAY)
    assert "Ask for the photos" not in text
    assert "- Validations come late" in text


def test_the_commitments_for_the_contract_in_the_clients_language(store: Store) -> None:
    pid, _ = _setup(store, language="fr")
    project, text = commitments_document(store, pid, TODAY)
    assert project.name == "New site"
    # The commitments a new project starts with are written in the user's language (English
    # here); the document around them is in the client's.
    assert "lundi 23 novembre 2026" in text
    assert "# New site\xa0: engagements réciproques" in text  # French typography


def test_the_commitments_for_the_contract_list_both_sides(store: Store) -> None:
    pid, _ = _setup(store)
    _, text = commitments_document(store, pid, TODAY)
    client, provider = text.split("## The client commits to\n\n")[1].split(
        "## The provider commits to\n\n"
    )
    assert "- Stand by a validation once it is given" in client
    assert "- Deliver on the dates agreed" in provider
    assert "Deliver on the dates agreed" not in client


def test_the_retrospective_lists_the_planned_lessons_first_and_says_which_were_kept(
    store: Store,
) -> None:
    pid, (photos, late, demo) = _setup(store)
    plan_lesson(store, pid, photos, True)
    plan_lesson(store, pid, late, True)
    earlier = [lesson_id for lesson_id, _, _ in earlier_lessons(store, pid)]
    assert earlier == [photos, late, demo]  # the planned ones first, in the order planned

    save_retro_step(store, pid, {"step": 4, "applied_lessons": f"{late},{demo}"})
    retro = get_retro(store, pid)
    assert retro.planned == (photos, late)
    assert retro.kept == {late}
    assert retro.applied == {late, demo}

    text = retro_markdown(store, pid)
    section = text.split("## Lessons planned at framing\n\n")[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Ask for the photos in the contract: not kept",
        "- Validations come late: kept",
    ]


def test_a_retrospective_without_planned_lessons_has_no_such_section(store: Store) -> None:
    pid, _ = _setup(store)
    assert get_retro(store, pid).planned == ()
    assert "planned at framing" not in retro_markdown(store, pid)

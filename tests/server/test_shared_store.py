"""Several people on one store: who wrote what, and no change silently lost.

These run against SQLite and, with RELAY_TEST_POSTGRES set, against PostgreSQL
(`tests/conftest.py`: one fixture, two stores)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.errors import Conflict
from relay_tui.models import Commitment, Contact, Deadline, Risk, Stakeholder
from relay_tui.services import (
    actors,
    before_view,
    commitments,
    craft,
    incidents,
    profiles,
    projects,
    risks,
    validations,
)
from relay_tui.services.contacts import capture
from relay_tui.services.risks import add_risk
from tests.conftest import FIXED_NOW, table_counts

RISK = {"title": "Late photos", "probability": 3, "impact": 4}


def test_each_record_remembers_who_created_it_and_who_changed_it_last(
    ann: Store, bob: Store, project_id: int
) -> None:
    capture(ann, {"project": project_id, "summary": "Asked for the texts"}, now=FIXED_NOW)
    risk = add_risk(ann, {"project": project_id, **RISK}, now=FIXED_NOW)
    risks.update_risk(bob, risk.id, {**RISK, "title": "Late photos and texts"}, now=FIXED_NOW)
    with bob.read() as session:
        [contact] = session.exec(select(Contact)).all()
        stored = session.get(Risk, risk.id)
    assert (contact.created_by, contact.updated_by, contact.version) == ("ann", "ann", 1)
    assert stored is not None
    assert (stored.created_by, stored.updated_by, stored.version) == ("ann", "bob", 2)
    assert stored.title == "Late photos and texts"


def test_the_second_save_of_the_same_record_is_refused_and_says_by_whom(
    ann: Store, bob: Store, project_id: int
) -> None:
    risk = add_risk(ann, {"project": project_id, **RISK}, now=FIXED_NOW)
    opened_version = risk.version  # both open the form on version 1
    risks.update_risk(
        ann, risk.id, {**RISK, "title": "Ann's title", "version": opened_version}, now=FIXED_NOW
    )
    with pytest.raises(Conflict) as refused:
        risks.update_risk(
            bob, risk.id, {**RISK, "title": "Bob's title", "version": opened_version}, now=FIXED_NOW
        )
    assert refused.value.field == "version"
    assert "changed by ann" in str(refused.value)
    with bob.read() as session:
        stored = session.get(Risk, risk.id)
    assert stored is not None and stored.title == "Ann's title"  # Bob's save wrote nothing
    # Reloaded, Bob saves over the version he now sees.
    risks.update_risk(
        bob, risk.id, {**RISK, "title": "Bob's title", "version": stored.version}, now=FIXED_NOW
    )


def test_an_incident_edited_from_two_places_keeps_the_first_save(
    ann: Store, bob: Store, project_id: int
) -> None:
    incident = incidents.save_incident(
        ann, project_id, {"title": "Dispute", "occurred_on": "2026-11-20"}, now=FIXED_NOW
    )
    incidents.save_incident(
        ann,
        project_id,
        {"title": "Dispute over the page", "occurred_on": "2026-11-20", "version": 1},
        incident.id,
        now=FIXED_NOW,
    )
    with pytest.raises(Conflict):
        incidents.save_incident(
            bob,
            project_id,
            {"title": "Dispute (Bob)", "occurred_on": "2026-11-20", "version": 1},
            incident.id,
            now=FIXED_NOW,
        )
    [kept] = incidents.incidents(bob, project_id)
    assert kept.title == "Dispute over the page" and kept.updated_by == "ann"


def test_a_race_between_two_writers_is_caught_by_the_version_column(
    ann: Store, bob: Store, project_id: int
) -> None:
    """Without a version from a form, the UPDATE itself checks the version it read."""
    risk = add_risk(ann, {"project": project_id, **RISK}, now=FIXED_NOW)
    with ann.read() as session:
        stale = session.get(Risk, risk.id)
    assert stale is not None
    risks.update_risk(bob, risk.id, {**RISK, "title": "Bob first"}, now=FIXED_NOW)
    stale.title = "Ann second, from an old read"
    with pytest.raises(Conflict) as refused, ann.write() as session:
        session.add(stale)  # the old read, with its old version, goes back
    assert refused.value.field == "version"
    assert risks.list_risks(ann, project_id, date(2026, 11, 23))[0].risk.title == "Bob first"


def test_an_alarm_bell_edited_from_two_places_keeps_the_first_save(
    ann: Store, bob: Store, project_id: int
) -> None:
    from relay_tui.services.deadlines import add_deadline, deadlines, update_deadline

    bell = add_deadline(
        ann, {"project": project_id, "title": "Mock-ups", "due_on": "2026-12-01"}, now=FIXED_NOW
    )
    [seen] = deadlines(bob, project_id, date(2026, 11, 23))  # both see version 1
    assert seen.version == 1
    fields = {"title": "Mock-ups v2", "due_on": "2026-12-02", "version": seen.version}
    update_deadline(ann, bell.id, fields, now=FIXED_NOW)
    with pytest.raises(Conflict) as refused:
        update_deadline(bob, bell.id, {**fields, "title": "Bob's"}, now=FIXED_NOW)
    assert "changed by ann" in str(refused.value)
    [now] = deadlines(bob, project_id, date(2026, 11, 23))
    assert (now.title, now.version) == ("Mock-ups v2", 2)


def test_a_commitment_edited_and_cycled_from_two_places_keeps_the_first_change(
    ann: Store, bob: Store, project_id: int
) -> None:
    made = commitments.save_commitment(
        ann, project_id, {"party": "client", "text": "Send the texts"}, now=FIXED_NOW
    )
    seen = made.version  # Bob's screen shows version 1
    commitments.save_commitment(
        ann,
        project_id,
        {"party": "client", "text": "Send the texts by Friday", "version": seen},
        made.id,
        now=FIXED_NOW,
    )
    with pytest.raises(Conflict) as cycled:
        commitments.cycle_commitment(bob, made.id, version=seen)  # pending → kept, from version 1
    with pytest.raises(Conflict) as saved:
        commitments.save_commitment(
            bob,
            project_id,
            {"party": "client", "text": "Bob's wording", "version": seen},
            made.id,
            now=FIXED_NOW,
        )
    assert "commitment was changed by ann" in str(cycled.value)
    assert saved.value.field == cycled.value.field == "version"
    with bob.read() as session:
        stored = session.get(Commitment, made.id)
    assert stored is not None
    assert (stored.text, str(stored.status), stored.version) == (
        "Send the texts by Friday",
        "pending",
        2,
    )
    # From what is in the store now, Bob's key works.
    assert str(commitments.cycle_commitment(bob, made.id, version=2).status) == "kept"


def test_validations_record_who_asked_validated_and_reopened(
    ann: Store, bob: Store, project_id: int
) -> None:

    asked = validations.request_validation(
        ann,
        project_id,
        {"deliverable": "Home page mock-up", "requested_on": "2026-11-20"},
        now=FIXED_NOW,
    )
    [shown] = validations.validations(ann, project_id)  # Ann's screen: version 1
    validations.validate_deliverable(
        bob,
        asked.id,
        {"validated_by": "Marie Lambert", "validated_on": "2026-11-23", "version": 1},
        now=FIXED_NOW,
    )
    with pytest.raises(Conflict) as refused:
        validations.validate_deliverable(
            ann,
            asked.id,
            {"validated_by": "Marie", "validated_on": "2026-11-23", "version": shown.version},
            now=FIXED_NOW,
        )
    assert "validation was changed by bob" in str(refused.value)
    [after_bob] = validations.validations(ann, project_id)
    assert (after_bob.validated_by, after_bob.recorded_by) == ("Marie Lambert", "bob")
    validations.reopen_validation(
        ann, asked.id, {"reason": "Opening hours missing", "version": after_bob.version}
    )
    with pytest.raises(Conflict):  # Bob reopens from the screen he had before Ann's
        validations.reopen_validation(
            bob, asked.id, {"reason": "Twice", "version": after_bob.version}
        )
    [view] = validations.validations(bob, project_id)
    assert (view.requested_by, view.recorded_by, view.validated_on) == ("ann", "ann", None)
    assert [(c.reason, c.created_by) for c in view.history] == [("Opening hours missing", "ann")]
    shape = view.as_json()
    assert (shape["created_by"], shape["updated_by"]) == ("ann", "ann")
    assert shape["change_requests"][0]["created_by"] == "ann"


def test_one_key_actions_on_a_stale_row_are_refused_and_write_nothing(
    ann: Store, bob: Store, project_id: int, db_path: Path
) -> None:
    """Closing a risk, removing a key actor, ticking an alarm bell: each acts on the row
    as the screen showed it, and is refused once someone else changed that row."""
    from relay_tui.services.deadlines import add_deadline, mark_done, reopen_deadline

    risk = add_risk(ann, {"project": project_id, **RISK}, now=FIXED_NOW)
    actor = actors.save_stakeholder(ann, project_id, {"name": "Marie", "role": "client"})
    bell = add_deadline(
        ann, {"project": project_id, "title": "Mock-ups", "due_on": "2026-11-20"}, now=FIXED_NOW
    )
    risks.update_risk(ann, risk.id, {**RISK, "impact": 5, "version": 1}, now=FIXED_NOW)
    actors.save_stakeholder(ann, project_id, {"name": "Marie L.", "version": 1}, actor.id)
    mark_done(ann, bell.id, "2026-11-21", now=FIXED_NOW, version=1)
    before = table_counts(db_path)

    refusals = []
    for action in (
        lambda: risks.set_risk_status(bob, risk.id, "closed", version=1),
        lambda: actors.delete_stakeholder(bob, actor.id, version=1),
        lambda: mark_done(bob, bell.id, "2026-11-22", now=FIXED_NOW, version=1),
        lambda: reopen_deadline(bob, bell.id, version=1),
    ):
        with pytest.raises(Conflict) as refused:
            action()
        refusals.append((refused.value.field, "changed by ann" in str(refused.value)))

    assert refusals == [("version", True)] * 4
    assert table_counts(db_path) == before
    with bob.read() as session:
        assert str(session.get(Risk, risk.id).status) == "open"  # type: ignore[union-attr]
        assert session.get(Stakeholder, actor.id) is not None
        assert str(session.get(Deadline, bell.id).done_on) == "2026-11-21"  # type: ignore[union-attr]


def test_the_frame_the_self_assessment_and_the_craft_card_keep_the_first_save(
    ann: Store, bob: Store, project_id: int
) -> None:
    """The one-per-project (or one-per-store) pages: both open version 1; Ann saves first."""
    profiles.save_assessment(ann, project_id, {"notes": "first"})
    craft.save_craft_card(ann, {"name": "Ann's studio"})
    saves = {
        "project": lambda who, text: projects.save_frame(
            who, project_id, {"working_method": text, "version": 1}, now=FIXED_NOW
        ),
        "self-assessment": lambda who, text: profiles.save_assessment(
            who, project_id, {"notes": text, "version": 1}
        ),
        "craft card": lambda who, text: craft.save_craft_card(who, {"name": text, "version": 1}),
    }
    refused = {}
    for label, save in saves.items():
        save(ann, "Ann's")
        with pytest.raises(Conflict) as caught:
            save(bob, "Bob's")
        refused[label] = caught.value.message.startswith(f"this {label} was changed by ann")
    assert refused == dict.fromkeys(saves, True)
    before = before_view.load_before(bob, project_id, date(2026, 11, 23))
    assert before.project.working_method == "Ann's"
    assert before.assessment is not None and before.assessment.notes == "Ann's"
    assert craft.get_craft_card(bob).name == "Ann's"

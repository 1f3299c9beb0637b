"""Several people on one store: who wrote what, and no change silently lost.

These run against SQLite and, with RELAY_TEST_POSTGRES set, against PostgreSQL
(`tests/conftest.py`: one fixture, two stores)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.errors import Conflict
from relay_tui.models import Contact, Risk
from relay_tui.services import anytime, framing
from relay_tui.services.contacts import capture
from relay_tui.services.risks import add_risk
from tests.conftest import FIXED_NOW

RISK = {"title": "Late photos", "probability": 3, "impact": 4}


def test_each_record_remembers_who_created_it_and_who_changed_it_last(
    ann: Store, bob: Store, project_id: int
) -> None:
    capture(ann, {"project": project_id, "summary": "Asked for the texts"}, now=FIXED_NOW)
    risk = add_risk(
        ann,
        {"project": project_id, "title": "Late photos", "probability": 3, "impact": 4},
        now=FIXED_NOW,
    )
    framing.update_risk(bob, risk.id, {**RISK, "title": "Late photos and texts"}, now=FIXED_NOW)
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
    risk = add_risk(
        ann,
        {"project": project_id, "title": "Late photos", "probability": 3, "impact": 4},
        now=FIXED_NOW,
    )
    opened_version = risk.version  # both open the form on version 1
    framing.update_risk(
        ann, risk.id, {**RISK, "title": "Ann's title", "version": opened_version}, now=FIXED_NOW
    )
    with pytest.raises(Conflict) as refused:
        framing.update_risk(
            bob, risk.id, {**RISK, "title": "Bob's title", "version": opened_version}, now=FIXED_NOW
        )
    assert refused.value.field == "version"
    assert "changed by ann" in str(refused.value)
    with bob.read() as session:
        stored = session.get(Risk, risk.id)
    assert stored is not None and stored.title == "Ann's title"  # Bob's save wrote nothing
    # Reloaded, Bob saves over the version he now sees.
    framing.update_risk(
        bob, risk.id, {**RISK, "title": "Bob's title", "version": stored.version}, now=FIXED_NOW
    )


def test_an_incident_edited_from_two_places_keeps_the_first_save(
    ann: Store, bob: Store, project_id: int
) -> None:
    incident = anytime.save_incident(
        ann, project_id, {"title": "Dispute", "occurred_on": "2026-11-20"}, now=FIXED_NOW
    )
    anytime.save_incident(
        ann,
        project_id,
        {"title": "Dispute over the page", "occurred_on": "2026-11-20", "version": 1},
        incident.id,
        now=FIXED_NOW,
    )
    with pytest.raises(Conflict):
        anytime.save_incident(
            bob,
            project_id,
            {"title": "Dispute (Bob)", "occurred_on": "2026-11-20", "version": 1},
            incident.id,
            now=FIXED_NOW,
        )
    [kept] = anytime.incidents(bob, project_id)
    assert kept.title == "Dispute over the page" and kept.updated_by == "ann"


def test_a_race_between_two_writers_is_caught_by_the_version_column(
    ann: Store, bob: Store, project_id: int
) -> None:
    """Without a version from a form, the UPDATE itself checks the version it read."""
    risk = add_risk(
        ann,
        {"project": project_id, "title": "Late photos", "probability": 3, "impact": 4},
        now=FIXED_NOW,
    )
    with ann.read() as session:
        stale = session.get(Risk, risk.id)
    assert stale is not None
    framing.update_risk(bob, risk.id, {**RISK, "title": "Bob first"}, now=FIXED_NOW)
    stale.title = "Ann second, from an old read"
    with pytest.raises(Conflict) as refused, ann.write() as session:
        session.add(stale)  # the old read, with its old version, goes back
    assert refused.value.field == "version"
    assert framing.list_risks(ann, project_id, date(2026, 11, 23))[0].risk.title == "Bob first"


def test_an_alarm_bell_edited_from_two_places_keeps_the_first_save(
    ann: Store, bob: Store, project_id: int
) -> None:
    from relay_tui.services.deadlines import add_deadline
    from relay_tui.services.running import deadlines, update_deadline

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

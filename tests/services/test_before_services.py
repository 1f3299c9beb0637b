"""The "before" phase use cases (services profiles, actors, commitments, risks and
before_view) against a real SQLite store, and the
command lines built on them (`relay risk list`, `relay risk add --review`, `relay export
craft`).

Every refusal names the field at fault and writes nothing.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.domain.before import CLIENT_COMMITMENTS, PROVIDER_COMMITMENTS
from relay_tui.domain.craft import craft_markdown
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import (
    Commitment,
    CraftCard,
    Lesson,
    Profile,
    Project,
    Risk,
    SelfAssessment,
    Stakeholder,
)
from relay_tui.services.actors import delete_stakeholder, save_stakeholder
from relay_tui.services.before_view import load_before
from relay_tui.services.clients import add_client
from relay_tui.services.commitments import cycle_commitment, lesson_to_commitment, save_commitment
from relay_tui.services.craft import get_craft_card, save_craft_card
from relay_tui.services.dashboard import dashboard
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.profiles import (
    drop_provider_override,
    provider_default,
    save_assessment,
    save_profile,
)
from relay_tui.services.projects import add_project, save_frame
from relay_tui.services.risks import add_risk, lesson_to_risk, set_risk_status, update_risk
from tests.conftest import FIXED_NOW, run_relay, table_counts

TODAY = FIXED_NOW.date()


def rows(store: Store, model: type[Any]) -> list[Any]:
    with store.read() as session:
        return list(session.exec(select(model)).all())


def get(store: Store, model: type[Any], key: int) -> Any:
    with store.read() as session:
        return session.get(model, key)


@pytest.fixture
def refused(db_path: Path) -> Callable[..., InvalidInput]:
    """Call a service expecting a refusal; check nothing was written; return the error."""

    def check(
        expected: type[InvalidInput], call: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> InvalidInput:
        before = table_counts(db_path)
        with pytest.raises(expected) as caught:
            call(*args, **kwargs)
        assert type(caught.value) is expected
        assert table_counts(db_path) == before
        return caught.value

    return check


@pytest.fixture
def project(store: Store) -> Project:
    """One client, one fresh project: no contract, no delivery date, no profile."""
    add_client(store, {"name": "Acme Corp", "email": "jo@acme.test"})
    return add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)


@pytest.fixture
def pid(project: Project) -> int:
    assert project.id is not None
    return project.id


# --- self-assessment ------------------------------------------------------------------


def test_save_assessment_creates_then_updates_the_one_row(store: Store, pid: int) -> None:
    saved = save_assessment(
        store,
        pid,
        {
            "reward": "financial",
            "paid": "no",
            "stance": "partner",
            "balance": "sacrifice",
            "ready_for_failure": "yes",
            "notes": "  A friend's start-up ",
        },
    )
    assert saved.project_id == pid
    [row] = rows(store, SelfAssessment)
    assert (row.reward, row.paid, row.stance, row.balance, row.ready_for_failure) == (
        "financial",
        False,
        "partner",
        "sacrifice",
        True,
    )
    assert row.notes == "A friend's start-up"
    warnings = load_before(store, pid, TODAY).warnings
    assert warnings[0].startswith("Free work, a partner's stance")
    assert any("financial reward from unpaid work" in w for w in warnings)

    save_assessment(
        store,
        pid,
        {"reward": "both", "paid": "yes", "stance": "supplier", "balance": "balance"},
    )
    [row] = rows(store, SelfAssessment)
    assert (row.reward, row.paid, row.stance, row.balance, row.ready_for_failure) == (
        "both",
        True,
        "supplier",
        "balance",
        None,
    )
    assert row.notes == ""
    data = load_before(store, pid, TODAY)
    assert data.assessment is not None and data.assessment.paid is True
    assert data.warnings == []


def test_save_assessment_unknown_answers_are_stored_as_none(store: Store, pid: int) -> None:
    save_assessment(store, pid, {"reward": "unknown", "paid": "unknown", "stance": ""})
    [row] = rows(store, SelfAssessment)
    assert (row.reward, row.paid, row.stance) == (None, None, None)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reward": "fame"}, "reward"),
        ({"paid": "maybe"}, "paid"),
        ({"stance": "boss"}, "stance"),
        ({"balance": "both"}, "balance"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_save_assessment_refuses_bad_answers(
    store: Store, pid: int, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    error = refused(InvalidInput, save_assessment, store, pid, data)
    assert error.field == field


def test_save_assessment_of_an_unknown_project_is_refused(
    store: Store, pid: int, refused: Callable[..., InvalidInput]
) -> None:
    error = refused(NotFound, save_assessment, store, pid + 99, {"reward": "both"})
    assert error.field == "project"


# --- profiles -------------------------------------------------------------------------


def test_save_profile_for_the_client_of_a_project(store: Store, pid: int) -> None:
    save_profile(
        store,
        pid,
        "client",
        {"structure": "5", "precision": 2, "channel": "Phone", "temper": "1", "scope": ""},
    )
    [row] = rows(store, Profile)
    assert (row.project_id, row.party) == (pid, "client")
    assert (row.structure, row.precision, row.scope, row.channel, row.temper) == (
        5,
        2,
        None,
        "phone",
        1,
    )
    data = load_before(store, pid, TODAY)
    assert data.client_profile.structure == 5
    assert data.client_profile.known() == 4
    # No provider profile yet: the answer rests on the client traits only.
    assert data.match.items_compared == 1
    assert data.match.partial
    assert "temper" in [p.key for p in data.match.watch_points]

    # Saving again updates the same row (and forgets what is no longer given).
    save_profile(store, pid, "client", {"structure": 3})
    [row] = rows(store, Profile)
    assert (row.structure, row.precision, row.temper) == (3, None, None)


def test_the_provider_default_applies_until_a_project_overrides_it(store: Store, pid: int) -> None:
    save_profile(store, None, "provider", {"structure": 2, "precision": 4, "channel": "email"})
    assert provider_default(store).structure == 2
    data = load_before(store, pid, TODAY)
    assert data.provider_profile.structure == 2
    assert data.provider_profile.channel == "email"
    assert not data.provider_is_override

    save_profile(store, pid, "provider", {"structure": 5, "precision": 5})
    data = load_before(store, pid, TODAY)
    assert data.provider_is_override
    assert (data.provider_profile.structure, data.provider_profile.precision) == (5, 5)
    assert data.provider_profile.channel is None
    # The default is untouched.
    assert provider_default(store).structure == 2
    assert len(rows(store, Profile)) == 2

    assert drop_provider_override(store, pid) is True
    data = load_before(store, pid, TODAY)
    assert not data.provider_is_override
    assert data.provider_profile.structure == 2
    assert [(p.project_id, p.party) for p in rows(store, Profile)] == [(None, "provider")]
    assert drop_provider_override(store, pid) is False


def test_the_provider_default_is_one_row_updated_in_place(store: Store) -> None:
    save_profile(store, None, "provider", {"structure": 2})
    save_profile(store, None, "provider", {"structure": 4, "energy": 1})
    [row] = rows(store, Profile)
    assert (row.project_id, row.structure, row.energy) == (None, 4, 1)


def test_provider_traits_are_dropped(store: Store, pid: int) -> None:
    save_profile(
        store, None, "provider", {"structure": 3, "experience": 1, "feedback": 1, "temper": 1}
    )
    save_profile(store, pid, "provider", {"temper": 2, "feedback": 5})
    for row in rows(store, Profile):
        assert (row.experience, row.feedback, row.temper) == (None, None, None)
    assert provider_default(store).temper is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"structure": 6}, "structure"),
        ({"precision": 0}, "precision"),
        ({"temper": "high"}, "temper"),
        ({"channel": "fax"}, "channel"),
        ({"mood": 3}, "mood"),
    ],
)
def test_save_profile_refuses_bad_values_naming_the_field(
    store: Store, pid: int, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    error = refused(InvalidInput, save_profile, store, pid, "client", data)
    assert error.field == field
    error = refused(InvalidInput, save_profile, store, None, "provider", data)
    assert error.field == field


def test_save_profile_refuses_an_unknown_party_or_a_client_without_project(
    store: Store, pid: int, refused: Callable[..., InvalidInput]
) -> None:
    assert refused(InvalidInput, save_profile, store, pid, "boss", {}).field == "party"
    assert refused(InvalidInput, save_profile, store, None, "client", {}).field == "project"
    assert refused(NotFound, save_profile, store, pid + 99, "client", {}).field == "project"


# --- key actors -----------------------------------------------------------------------


def test_save_stakeholder_creates_and_edits(store: Store, pid: int) -> None:
    created = save_stakeholder(
        store,
        pid,
        {"name": " Paul ", "role": "hierarchy", "influence": "4", "interest": 2, "reach": "x"},
    )
    assert created.id is not None
    [row] = rows(store, Stakeholder)
    assert (row.project_id, row.name, row.role, row.influence, row.interest, row.reach) == (
        pid,
        "Paul",
        "hierarchy",
        4,
        2,
        "x",
    )
    save_stakeholder(store, pid, {"name": "Paul L.", "role": "sponsor", "influence": 5}, created.id)
    [row] = rows(store, Stakeholder)
    assert (row.id, row.name, row.role, row.influence, row.interest) == (
        created.id,
        "Paul L.",
        "sponsor",
        5,
        3,
    )
    data = load_before(store, pid, TODAY)
    assert [s.name for s in data.stakeholders] == ["Paul L."]


def test_stakeholders_are_listed_by_influence_then_interest(store: Store, pid: int) -> None:
    for name, influence, interest in (("Low", 1, 1), ("Top", 5, 2), ("Topper", 5, 5)):
        save_stakeholder(store, pid, {"name": name, "influence": influence, "interest": interest})
    assert [s.name for s in load_before(store, pid, TODAY).stakeholders] == [
        "Topper",
        "Top",
        "Low",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "Paul", "role": "boss"}, "role"),
        ({"name": "Paul", "influence": 6}, "influence"),
        ({"name": "Paul", "interest": 0}, "interest"),
    ],
)
def test_save_stakeholder_refuses_bad_input(
    store: Store, pid: int, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    assert refused(InvalidInput, save_stakeholder, store, pid, data).field == field


def test_a_key_actor_of_another_project_cannot_be_edited_here(
    store: Store, pid: int, db_path: Path, refused: Callable[..., InvalidInput]
) -> None:
    other = add_project(store, {"name": "Other", "client": "acme"}, now=FIXED_NOW)
    theirs = save_stakeholder(store, other.id, {"name": "Theirs"})  # type: ignore[arg-type]
    error = refused(NotFound, save_stakeholder, store, pid, {"name": "Mine now"}, theirs.id)
    assert error.field == "id"
    assert get(store, Stakeholder, theirs.id).name == "Theirs"  # type: ignore[arg-type]
    assert get(store, Stakeholder, theirs.id).project_id == other.id  # type: ignore[arg-type]


def test_delete_stakeholder(store: Store, pid: int, refused: Callable[..., InvalidInput]) -> None:
    kept = save_stakeholder(store, pid, {"name": "Kept"})
    gone = save_stakeholder(store, pid, {"name": "Gone"})
    delete_stakeholder(store, gone.id)  # type: ignore[arg-type]
    assert [s.name for s in rows(store, Stakeholder)] == ["Kept"]
    assert refused(NotFound, delete_stakeholder, store, gone.id).field == "id"
    assert kept.id is not None


# --- commitments ----------------------------------------------------------------------


def first_commitment(store: Store, pid: int) -> Commitment:
    return load_before(store, pid, TODAY).commitments[0]


def test_the_ledger_is_prefilled_and_grouped_by_party(store: Store, pid: int) -> None:
    commitments = load_before(store, pid, TODAY).commitments
    assert [c.text for c in commitments] == [*CLIENT_COMMITMENTS, *PROVIDER_COMMITMENTS]
    assert [c.party for c in commitments] == ["client"] * 5 + ["provider"] * 5
    assert {c.status for c in commitments} == {"pending"}


def test_cycle_commitment_goes_round_the_four_statuses(store: Store, pid: int) -> None:
    item = first_commitment(store, pid)
    seen = []
    for _ in range(4):
        seen.append(str(cycle_commitment(store, item.id).status))  # type: ignore[arg-type]
        assert str(get(store, Commitment, item.id).status) == seen[-1]  # type: ignore[arg-type]
    assert seen == ["kept", "broken", "waived", "pending"]
    # The others did not move.
    others = [c for c in load_before(store, pid, TODAY).commitments if c.id != item.id]
    assert {c.status for c in others} == {"pending"}


def test_cycle_commitment_of_an_unknown_id_is_refused(
    store: Store, pid: int, refused: Callable[..., InvalidInput]
) -> None:
    assert refused(NotFound, cycle_commitment, store, 9999).field == "id"


def test_save_commitment_adds_at_the_end_and_edits(store: Store, pid: int) -> None:
    added = save_commitment(
        store,
        pid,
        {"party": "client", "text": "Send the logo in SVG", "due_on": "+3d"},
        now=FIXED_NOW,
    )
    assert added.due_on == TODAY + timedelta(days=3)
    assert added.position == len(CLIENT_COMMITMENTS) + len(PROVIDER_COMMITMENTS)
    assert added.status == "pending"
    clients = [c.text for c in load_before(store, pid, TODAY).commitments if c.party == "client"]
    assert clients[-1] == "Send the logo in SVG"

    save_commitment(
        store,
        pid,
        {
            "party": "client",
            "text": "Send the logo in SVG",
            "status": "broken",
            "due_on": "",
            "note": "Sent a JPEG",
        },
        added.id,
        now=FIXED_NOW,
    )
    row = get(store, Commitment, added.id)  # type: ignore[arg-type]
    assert (row.status, row.due_on, row.note) == ("broken", None, "Sent a JPEG")
    assert len(rows(store, Commitment)) == 11


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"party": "client", "text": "x", "due_on": "someday"}, "due"),
        ({"party": "client", "text": "x", "due_on": "2026-02-30"}, "due"),
        ({"party": "boss", "text": "x"}, "party"),
        ({"party": "client", "text": " "}, "text"),
        ({"party": "client", "text": "x", "status": "done"}, "status"),
    ],
)
def test_save_commitment_refuses_bad_input(
    store: Store, pid: int, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    error = refused(InvalidInput, save_commitment, store, pid, data, now=FIXED_NOW)
    assert error.field == field


def test_a_commitment_of_another_project_cannot_be_edited_here(
    store: Store, pid: int, refused: Callable[..., InvalidInput]
) -> None:
    other = add_project(store, {"name": "Other", "client": "acme"}, now=FIXED_NOW)
    theirs = first_commitment(store, other.id)  # type: ignore[arg-type]
    data = {"party": "client", "text": "hijacked"}
    refused(NotFound, save_commitment, store, pid, data, theirs.id, now=FIXED_NOW)
    assert get(store, Commitment, theirs.id).text == theirs.text  # type: ignore[arg-type]


# --- risks ----------------------------------------------------------------------------

PAST = FIXED_NOW - timedelta(days=10)


def risk_data(**extra: Any) -> dict[str, Any]:
    return {"title": "Late photos", "probability": 4, "impact": 3, "category": "schedule", **extra}


def test_update_risk_may_keep_a_review_date_that_has_passed(store: Store, pid: int) -> None:
    # Created ten days ago with a review three days later: overdue today.
    risk = add_risk(store, {"project": pid, **risk_data(review_on="+3d")}, now=PAST)
    past_review = PAST.date() + timedelta(days=3)
    assert risk.review_on == past_review
    [line] = load_before(store, pid, TODAY).risks
    assert line.overdue

    updated = update_risk(
        store,
        risk.id,  # type: ignore[arg-type]
        risk_data(impact=5, mitigation="Ask twice", review_on=past_review.isoformat()),
        now=FIXED_NOW,
    )
    assert updated.review_on == past_review
    row = get(store, Risk, risk.id)  # type: ignore[arg-type]
    assert (row.impact, row.mitigation, row.review_on) == (5, "Ask twice", past_review)


def test_update_risk_refuses_a_new_review_date_in_the_past(store: Store, pid: int) -> None:
    risk = add_risk(store, {"project": pid, **risk_data(review_on="+3d")}, now=PAST)
    other_past = (TODAY - timedelta(days=1)).isoformat()
    with pytest.raises(InvalidInput) as caught:
        update_risk(store, risk.id, risk_data(impact=1, review_on=other_past), now=FIXED_NOW)  # type: ignore[arg-type]
    assert caught.value.field == "review"
    assert "past" in caught.value.message
    row = get(store, Risk, risk.id)  # type: ignore[arg-type]
    assert (row.impact, row.review_on) == (3, PAST.date() + timedelta(days=3))


def test_update_risk_refuses_a_past_review_date_on_a_risk_that_had_none(
    store: Store, pid: int
) -> None:
    risk = add_risk(store, {"project": pid, **risk_data()}, now=FIXED_NOW)
    with pytest.raises(InvalidInput) as caught:
        update_risk(store, risk.id, risk_data(review_on="yesterday"), now=FIXED_NOW)  # type: ignore[arg-type]
    assert caught.value.field == "review"
    assert get(store, Risk, risk.id).review_on is None  # type: ignore[arg-type]


def test_update_risk_refuses_out_of_range_and_unknown_ids(store: Store, pid: int) -> None:
    risk = add_risk(store, {"project": pid, **risk_data()}, now=FIXED_NOW)
    with pytest.raises(InvalidInput) as caught:
        update_risk(store, risk.id, risk_data(probability=6), now=FIXED_NOW)  # type: ignore[arg-type]
    assert caught.value.field == "probability"
    assert get(store, Risk, risk.id).probability == 4  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        update_risk(store, 9999, risk_data(), now=FIXED_NOW)


def test_add_risk_refuses_a_review_date_in_the_past(
    store: Store, pid: int, refused: Callable[..., InvalidInput]
) -> None:
    data = {"project": pid, **risk_data(review_on="yesterday")}
    error = refused(InvalidInput, add_risk, store, data, now=FIXED_NOW)
    assert error.field == "review"


def test_set_risk_status(store: Store, pid: int, refused: Callable[..., InvalidInput]) -> None:
    risk = add_risk(store, {"project": pid, **risk_data()}, now=FIXED_NOW)
    assert load_before(store, pid, TODAY).risks[0].risk.status == "open"
    set_risk_status(store, risk.id, "closed")  # type: ignore[arg-type]
    assert get(store, Risk, risk.id).status == "closed"  # type: ignore[arg-type]
    set_risk_status(store, risk.id, "mitigated")  # type: ignore[arg-type]
    assert get(store, Risk, risk.id).status == "mitigated"  # type: ignore[arg-type]
    assert refused(InvalidInput, set_risk_status, store, risk.id, "gone").field == "status"
    assert get(store, Risk, risk.id).status == "mitigated"  # type: ignore[arg-type]
    assert refused(NotFound, set_risk_status, store, 9999, "closed").field == "id"


def test_risks_are_listed_open_first_then_by_score_with_their_band(store: Store, pid: int) -> None:
    low = add_risk(store, {"project": pid, **risk_data(title="Low", probability=1, impact=2)})
    top = add_risk(store, {"project": pid, **risk_data(title="Top", probability=5, impact=5)})
    mid = add_risk(store, {"project": pid, **risk_data(title="Mid", probability=3, impact=3)})
    set_risk_status(store, top.id, "closed")  # type: ignore[arg-type]
    lines = load_before(store, pid, TODAY).risks
    assert [(line.risk.title, line.score, line.band) for line in lines] == [
        ("Mid", 9, "medium"),
        ("Low", 2, "low"),
        ("Top", 25, "critical"),
    ]
    assert not any(line.overdue for line in lines)
    assert {low.id, mid.id, top.id} == {line.risk.id for line in lines}


# --- frame ----------------------------------------------------------------------------


FRAME_FIELDS = (
    "working_method",
    "cycle_days",
    "contract_signed_on",
    "start_on",
    "delivery_on",
    "budget_minutes",
    "chase_delay_days",
)


def frame(**extra: Any) -> dict[str, Any]:
    return {
        "working_method": "Short cycles",
        "cycle_days": "14",
        "contract_signed_on": "today",
        "start_on": "2026-11-30",
        "delivery_on": "2026-12-20",
        "budget_minutes": "40h",
        # The rigour agreed with the client, all of it (each item unticked is missing).
        "rigour_written_validations": True,
        "rigour_progress_point": True,
        "rigour_single_contact": True,
        "rigour_changes_in_writing": True,
        **extra,
    }


def test_save_frame_writes_the_frame_and_keeps_the_chase_delay(store: Store, pid: int) -> None:
    chase = get(store, Project, pid).chase_delay_days
    save_frame(store, pid, frame(), now=FIXED_NOW)
    row = get(store, Project, pid)
    assert (row.working_method, row.cycle_days, row.contract_signed_on) == (
        "Short cycles",
        14,
        TODAY,
    )
    assert (row.start_on, row.delivery_on) == (date(2026, 11, 30), date(2026, 12, 20))
    assert row.budget_minutes == 40 * 60
    assert row.chase_delay_days == chase
    save_frame(store, pid, frame(chase_delay_days="5"), now=FIXED_NOW)
    assert get(store, Project, pid).chase_delay_days == 5


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contract_signed_on": "tomorrow"}, "contract_signed_on"),
        ({"start_on": "2026-12-20", "delivery_on": "2026-12-01"}, "delivery"),
        ({"cycle_days": "0"}, "cycle_days"),
        ({"cycle_days": "91"}, "cycle_days"),
        ({"budget_minutes": "-3h"}, "budget"),
        ({"start_on": "soon"}, "start"),
    ],
)
def test_save_frame_refuses_bad_input_and_writes_nothing(
    store: Store, pid: int, change: dict[str, Any], field: str
) -> None:
    def frame_of_project() -> tuple[Any, ...]:
        row = get(store, Project, pid)
        return tuple(getattr(row, name) for name in FRAME_FIELDS)

    before = frame_of_project()
    with pytest.raises(InvalidInput) as caught:
        save_frame(store, pid, frame(**change), now=FIXED_NOW)
    assert caught.value.field == field
    assert frame_of_project() == before


def test_a_contract_signed_today_is_accepted_and_one_signed_tomorrow_is_not(
    store: Store, pid: int
) -> None:
    with pytest.raises(InvalidInput, match="signed in the future"):
        save_frame(store, pid, frame(contract_signed_on="tomorrow"), now=FIXED_NOW)
    assert get(store, Project, pid).contract_signed_on is None
    save_frame(store, pid, frame(contract_signed_on="yesterday"), now=FIXED_NOW)
    assert get(store, Project, pid).contract_signed_on == TODAY - timedelta(days=1)


def test_the_horizon_guard_flags_long_gaps_of_the_project(store: Store, pid: int) -> None:
    save_frame(store, pid, frame(start_on="2026-11-30", delivery_on="2027-02-01"), now=FIXED_NOW)
    for title, due in (("Mock-ups", "2026-12-21"), ("Go live", "2027-01-12")):
        add_deadline(store, {"project": pid, "title": title, "due_on": due}, now=FIXED_NOW)
    horizon = load_before(store, pid, TODAY).horizon
    # Mock-ups: 21 days after the start (fine); Go live: 22 days after the mock-ups.
    assert [(w.step.title, w.gap_days) for w in horizon] == [("Go live", 22)]


# --- craft card -----------------------------------------------------------------------


def test_craft_card_is_empty_until_saved_then_kept_once(store: Store) -> None:
    empty = get_craft_card(store)
    assert (empty.id, empty.name, empty.training) == (1, "", "")
    assert rows(store, CraftCard) == []
    save_craft_card(store, {"name": " Ada ", "training": "Fine arts", "portfolio": "a\nb"})
    card = get_craft_card(store)
    assert (card.name, card.training, card.portfolio) == ("Ada", "Fine arts", "a\nb")
    save_craft_card(store, {"name": "Ada Studio", "strengths": "Clear interfaces"})
    [row] = rows(store, CraftCard)
    assert (row.id, row.name, row.strengths, row.training) == (
        1,
        "Ada Studio",
        "Clear interfaces",
        "",
    )
    assert load_before_craft(store) == "Ada Studio"


def load_before_craft(store: Store) -> str:
    add_client(store, {"name": "Zed"})
    project = add_project(store, {"name": "Zed site", "client": "Zed"}, now=FIXED_NOW)
    craft = load_before(store, project.id, TODAY).craft  # type: ignore[arg-type]
    assert craft is not None
    return craft.name


def test_save_craft_card_refuses_a_too_long_name(
    store: Store, refused: Callable[..., InvalidInput]
) -> None:
    assert refused(InvalidInput, save_craft_card, store, {"name": "x" * 121}).field == "name"
    assert refused(InvalidInput, save_craft_card, store, {"phone": "1"}).field == "phone"


# --- lessons --------------------------------------------------------------------------


@pytest.fixture
def history(store: Store) -> dict[str, int]:
    """Past projects with lessons; a new project of Sofia, of the corporate kind."""
    add_client(store, {"name": "Sofia Rossi"})
    add_client(store, {"name": "Marie Lambert"})
    ids: dict[str, int] = {}
    for name, client, kind in (
        ("Rossi shop", "Sofia", "artistic"),
        ("Bakery site", "Marie", "corporate"),
        ("Bakery poster", "Marie", "artistic"),
        ("Rossi intranet", "Sofia", "corporate"),
    ):
        ids[name] = add_project(
            store, {"name": name, "client": client, "kind": kind}, now=FIXED_NOW
        ).id  # type: ignore[assignment]
    lessons = (
        ("Rossi shop", "Put the documents deadline in the contract"),
        ("Bakery site", "Demo every week"),
        ("Rossi shop", "Ask who validates above the client\nSecond line of detail"),
        ("Bakery poster", "Print a proof first"),
        ("Bakery site", "Photos come late: plan for it"),
        ("Rossi intranet", "Lesson of the new project itself"),
    )
    with store.write() as session:
        for project, text in lessons:
            session.add(Lesson(project_id=ids[project], text=text, tags="t"))
    with store.read() as session:
        for lesson in session.exec(select(Lesson)).all():
            ids[lesson.text.split("\n")[0]] = lesson.id  # type: ignore[assignment]
    ids["new"] = ids["Rossi intranet"]
    return ids


def test_lessons_rank_same_client_first_then_same_kind(
    store: Store, history: dict[str, int]
) -> None:
    lessons = load_before(store, history["new"], TODAY).lessons
    assert [(c.text.split("\n")[0], c.project, c.same_client, c.same_kind) for c in lessons] == [
        ("Ask who validates above the client", "Rossi shop", True, False),
        ("Put the documents deadline in the contract", "Rossi shop", True, False),
        ("Photos come late: plan for it", "Bakery site", False, True),
        ("Demo every week", "Bakery site", False, True),
    ]
    # The Marie poster (another client, another kind) and the project's own lesson are out.


def test_lesson_to_risk_once(
    store: Store, db_path: Path, history: dict[str, int], refused: Callable[..., InvalidInput]
) -> None:
    new, lesson_id = history["new"], history["Ask who validates above the client"]
    risk = lesson_to_risk(store, lesson_id, new)
    row = get(store, Risk, risk.id)  # type: ignore[arg-type]
    assert row.project_id == new
    assert row.title == "Ask who validates above the client"
    assert (row.probability, row.impact, row.status) == (3, 3, "open")
    assert row.mitigation.startswith("Lesson learnt: Ask who validates above the client")
    assert "Second line of detail" in row.mitigation
    error = refused(Conflict, lesson_to_risk, store, lesson_id, new)
    assert error.field == "lesson"
    # Another project may still take it.
    assert lesson_to_risk(store, lesson_id, history["Bakery site"]).id != risk.id


def test_lesson_to_commitment_once(
    store: Store, history: dict[str, int], refused: Callable[..., InvalidInput]
) -> None:
    new, lesson_id = history["new"], history["Demo every week"]
    item = lesson_to_commitment(store, lesson_id, new)
    row = get(store, Commitment, item.id)  # type: ignore[arg-type]
    assert (row.project_id, row.party, row.text, row.status) == (
        new,
        "provider",
        "Demo every week",
        "pending",
    )
    assert row.note == "From an earlier retrospective"
    assert row.position == len(CLIENT_COMMITMENTS) + len(PROVIDER_COMMITMENTS)
    providers = [c.text for c in load_before(store, new, TODAY).commitments]
    assert providers[-1] == "Demo every week"
    assert refused(Conflict, lesson_to_commitment, store, lesson_id, new).field == "lesson"


def test_lesson_conversions_refuse_unknown_lessons_and_projects(
    store: Store, history: dict[str, int], refused: Callable[..., InvalidInput]
) -> None:
    new, lesson_id = history["new"], history["Demo every week"]
    assert refused(NotFound, lesson_to_risk, store, 9999, new).field == "lesson"
    assert refused(NotFound, lesson_to_commitment, store, 9999, new).field == "lesson"
    assert refused(NotFound, lesson_to_risk, store, lesson_id, 9999).field == "project"
    assert refused(NotFound, lesson_to_commitment, store, lesson_id, 9999).field == "project"


def test_a_long_lesson_becomes_a_risk_with_a_shortened_title(
    store: Store, history: dict[str, int]
) -> None:
    with store.write() as session:
        long = Lesson(project_id=history["Rossi shop"], text="word " * 100)
        session.add(long)
        session.flush()
        long_id = long.id
    risk = lesson_to_risk(store, long_id, history["new"])  # type: ignore[arg-type]
    assert len(risk.title) == 200
    assert risk.title.endswith("…")


# --- readiness ------------------------------------------------------------------------


def test_readiness_lists_what_is_missing_until_the_project_is_ready(store: Store, pid: int) -> None:
    assert load_before(store, pid, TODAY).missing == [
        "no signed contract",
        "the client's profile is empty",
        "no delivery date",
        "rigour: validations are not agreed in writing",
        "rigour: no regular progress point agreed",
        "rigour: no single contact person on the client's side",
        "rigour: changes are not agreed in writing",
    ]
    save_frame(store, pid, frame(), now=FIXED_NOW)
    assert load_before(store, pid, TODAY).missing == ["the client's profile is empty"]
    save_profile(store, pid, "client", {"channel": "email"})
    assert load_before(store, pid, TODAY).missing == []
    critical = add_risk(store, {"project": pid, **risk_data(probability=5, impact=4)})
    assert load_before(store, pid, TODAY).missing == ["1 critical risk without mitigation"]
    update_risk(
        store,
        critical.id,  # type: ignore[arg-type]
        risk_data(probability=5, impact=4, mitigation="Two suppliers"),
        now=FIXED_NOW,
    )
    assert load_before(store, pid, TODAY).missing == []


def test_a_closed_critical_risk_does_not_block(store: Store, pid: int) -> None:
    save_frame(store, pid, frame(), now=FIXED_NOW)
    save_profile(store, pid, "client", {"structure": 3})
    critical = add_risk(store, {"project": pid, **risk_data(probability=5, impact=5)})
    assert load_before(store, pid, TODAY).missing == ["1 critical risk without mitigation"]
    set_risk_status(store, critical.id, "closed")  # type: ignore[arg-type]
    assert load_before(store, pid, TODAY).missing == []


def test_the_dashboards_readiness_matches_load_before(store: Store, pid: int) -> None:
    """The dashboard reads readiness with its own SQL: it must say what the screen says."""
    ready = add_project(store, {"name": "Ready one", "client": "acme"}, now=FIXED_NOW)
    half = add_project(store, {"name": "Half way", "client": "acme"}, now=FIXED_NOW)
    assert ready.id is not None and half.id is not None
    save_frame(store, ready.id, frame(), now=FIXED_NOW)
    save_profile(store, ready.id, "client", {"temper": 4})
    save_profile(store, pid, "client", {"temper": 4})
    add_risk(store, {"project": pid, **risk_data(probability=5, impact=5)})
    add_risk(store, {"project": pid, **risk_data(title="Also", probability=4, impact=5)})
    add_risk(store, {"project": pid, **risk_data(title="Blank", probability=5, impact=4)})
    blank = add_risk(store, {"project": ready.id, **risk_data(probability=5, impact=4)})
    update_risk(
        store,
        blank.id,  # type: ignore[arg-type]
        risk_data(probability=5, impact=4, mitigation="Two suppliers"),
        now=FIXED_NOW,
    )
    closed = add_risk(store, {"project": half.id, **risk_data(probability=5, impact=5)})
    set_risk_status(store, closed.id, "closed")  # type: ignore[arg-type]
    save_frame(store, half.id, frame(contract_signed_on=""), now=FIXED_NOW)
    # The provider's own default does not count as a client profile.
    save_profile(store, None, "provider", {"structure": 3})

    result = {row.id: row.missing for row in dashboard(store, TODAY)}
    assert result == {
        pid: [
            "no signed contract",
            "no delivery date",
            "3 critical risks without mitigation",
            "rigour: validations are not agreed in writing",
            "rigour: no regular progress point agreed",
            "rigour: no single contact person on the client's side",
            "rigour: changes are not agreed in writing",
        ],
        ready.id: [],
        half.id: ["no signed contract", "the client's profile is empty"],
    }
    for project_id, missing in result.items():
        assert load_before(store, project_id, TODAY).missing == missing


# --- command line ---------------------------------------------------------------------


def test_cli_risk_list_json(store: Store, db_path: Path, pid: int) -> None:
    long_ago = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
    overdue = add_risk(
        store,
        {
            "project": pid,
            "title": "Printer is late",
            "probability": 5,
            "impact": 4,
            "category": "event_deadline",
            "owner": "me",
            "review_on": "2020-01-05",
        },
        now=long_ago,
    )
    calm = add_risk(
        store,
        {"project": pid, "title": "Typo", "probability": 1, "impact": 2, "mitigation": "Proof"},
        now=FIXED_NOW,
    )
    closed = add_risk(
        store,
        {"project": pid, "title": "Gone", "probability": 5, "impact": 5, "review_on": "2099-01-01"},
        now=FIXED_NOW,
    )
    set_risk_status(store, closed.id, "closed")  # type: ignore[arg-type]

    result = run_relay("risk", "list", "-p", "Acme", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    listed = json.loads(result.stdout)
    assert (listed["format"], listed["version"]) == ("relay-risks", 2)
    assert listed["risks"] == [
        {
            "id": overdue.id,
            "title": "Printer is late",
            "category": "event_deadline",
            "probability": 5,
            "impact": 4,
            "score": 20,
            "band": "critical",
            "status": "open",
            "owner": "me",
            "mitigation": "",
            "review_on": "2020-01-05",
            "review_overdue": True,
        },
        {
            "id": calm.id,
            "title": "Typo",
            "category": "other",
            "probability": 1,
            "impact": 2,
            "score": 2,
            "band": "low",
            "status": "open",
            "owner": "",
            "mitigation": "Proof",
            "review_on": None,
            "review_overdue": False,
        },
        {
            "id": closed.id,
            "title": "Gone",
            "category": "other",
            "probability": 5,
            "impact": 5,
            "score": 25,
            "band": "critical",
            "status": "closed",
            "owner": "",
            "mitigation": "",
            "review_on": "2099-01-01",
            "review_overdue": False,
        },
    ]


def test_cli_risk_add_with_a_past_review_date_is_refused(db_path: Path, pid: int) -> None:
    before = table_counts(db_path)
    result = run_relay(
        "risk",
        "add",
        "Late photos",
        "-p",
        "Acme",
        "--probability",
        "3",
        "--impact",
        "3",
        "--review",
        "yesterday",
        db=db_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "review" in lines[0] and "past" in lines[0]
    assert "Traceback" not in result.stderr
    assert table_counts(db_path) == before


def test_cli_export_craft_writes_a_private_markdown_page(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    card = {
        "name": "Ada Studio",
        "training": "Fine arts, then web design",
        "strengths": "Clear interfaces",
        "portfolio": "https://ada.example/bakery\nhttps://ada.example/festival",
    }
    save_craft_card(store, card)
    target = tmp_path / "craft.md"
    result = run_relay("export", "craft", "-o", str(target), db=db_path)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text == craft_markdown(card)
    assert text.startswith("# Ada Studio: my trade\n")
    assert "- https://ada.example/festival\n" in text
    assert "How I work" not in text

"""The steps every write shares (`services.common`): the row a form or a command changes
(gone, in another project, changed by someone else since it was read) and a new record
of a project named by id or name. The steps are shared; each service keeps its words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from relay_tui.db import Store
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.services.actors import delete_stakeholder, save_stakeholder
from relay_tui.services.commitments import cycle_commitment, save_commitment
from relay_tui.services.deadlines import add_deadline, mark_done, reopen_deadline, update_deadline
from relay_tui.services.risks import add_risk, set_risk_status, update_risk
from relay_tui.services.timelog import log_time
from relay_tui.services.validations import (
    reopen_validation,
    request_validation,
    validate_deliverable,
)
from tests.conftest import FIXED_NOW

Change = Callable[[Store], Any]


MISSING: list[tuple[Change, str]] = [
    (lambda s: update_risk(s, 999, {"title": "x"}, now=FIXED_NOW), "no risk #999"),
    (lambda s: set_risk_status(s, 999, "open"), "no risk #999"),
    (lambda s: cycle_commitment(s, 999), "no commitment #999"),
    (lambda s: delete_stakeholder(s, 999), "no key actor #999"),
    (
        lambda s: validate_deliverable(
            s, 999, {"validated_by": "Bob", "validated_on": None}, now=FIXED_NOW
        ),
        "no validation with id 999",
    ),
    (lambda s: reopen_validation(s, 999, {"reason": "x"}), "no validation with id 999"),
    (lambda s: mark_done(s, 999, now=FIXED_NOW), "no deadline with id 999"),
    (lambda s: reopen_deadline(s, 999), "no deadline with id 999"),
    (lambda s: update_deadline(s, 999, {"title": "x"}, now=FIXED_NOW), "no deadline with id 999"),
]


@pytest.mark.parametrize(("change", "message"), MISSING)
def test_a_row_that_is_gone_is_refused_in_the_words_of_its_service(
    store: Store, projects: tuple[int, int], change: Change, message: str
) -> None:
    with pytest.raises(NotFound) as caught:
        change(store)
    assert (caught.value.field, caught.value.message) == ("id", message)


def test_a_row_of_another_project_is_not_found_in_this_one(
    store: Store, projects: tuple[int, int]
) -> None:
    first, second = projects
    actor = save_stakeholder(store, first, {"name": "Paul"})
    commitment = save_commitment(store, first, {"party": "client", "text": "Answer"})
    with pytest.raises(NotFound) as caught:
        save_stakeholder(store, second, {"name": "Paul"}, actor.id)
    assert caught.value.message == f"no key actor #{actor.id} in this project"
    with pytest.raises(NotFound) as caught:
        save_commitment(store, second, {"party": "client", "text": "x"}, commitment.id)
    assert caught.value.message == f"no commitment #{commitment.id} in this project"


def test_a_row_changed_since_it_was_read_is_refused(
    store: Store, projects: tuple[int, int]
) -> None:
    first, _ = projects
    risk = add_risk(
        store, {"project": first, "title": "Rain", "probability": 2, "impact": 3}, now=FIXED_NOW
    )
    deadline = add_deadline(
        store, {"project": first, "title": "Proofs", "due_on": "2026-12-20"}, now=FIXED_NOW
    )
    set_risk_status(store, risk.id, "mitigated", version=risk.version)  # type: ignore[arg-type]
    with pytest.raises(Conflict) as caught:
        set_risk_status(store, risk.id, "open", version=risk.version)  # type: ignore[arg-type]
    assert caught.value.field == "version"
    assert caught.value.message.startswith("this risk was changed")
    reopen_deadline(store, deadline.id, version=deadline.version)  # type: ignore[arg-type]
    with pytest.raises(Conflict) as caught:
        reopen_deadline(store, deadline.id, version=deadline.version - 1)  # type: ignore[arg-type]
    assert caught.value.message.startswith("this alarm bell was changed")


def test_a_new_record_goes_to_the_project_named_by_id_or_by_name(
    store: Store, projects: tuple[int, int]
) -> None:
    first, second = projects
    entry = log_time(store, {"project": "Fest", "minutes": "1h"}, now=FIXED_NOW)
    assert (entry.project_id, entry.minutes, entry.spent_on) == (second, 60, FIXED_NOW.date())
    asked = request_validation(
        store, first, {"deliverable": "Logo", "requested_on": None}, now=FIXED_NOW
    )
    assert asked.project_id == first and asked.id is not None
    with pytest.raises(NotFound) as caught:
        add_risk(store, {"project": 999, "title": "x", "probability": 1, "impact": 1})
    assert (caught.value.field, caught.value.message) == ("project", "no project with id 999")
    with pytest.raises(InvalidInput) as invalid:
        request_validation(store, first, {"deliverable": "", "requested_on": None}, now=FIXED_NOW)
    assert invalid.value.field == "deliverable"

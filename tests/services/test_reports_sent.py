"""Reports kept as sent, on a real store: the period, the last report, the due ones."""

from __future__ import annotations

from datetime import date

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.services.board import board
from relay_tui.services.reports_sent import (
    last_report,
    mark_report_sent,
    report_period,
    reports_due,
    sent_reports,
)
from relay_tui.services.status_report import report, report_draft
from tests.conftest import FIXED_NOW, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()


@pytest.fixture
def demo(store: Store) -> Store:
    """The sample without its reports sent and cadences, then the bakery weekly."""
    seed_demo(store, now=FIXED_NOW)
    with store.write() as session:
        from sqlmodel import delete, select

        from relay_tui.models import Project, SentReport

        session.exec(delete(SentReport))  # type: ignore[call-overload]
        for project in session.exec(select(Project)):
            project.report_every_days = 7 if project.name == "Bakery website" else None
            session.add(project)
    return store


def test_a_sent_report_starts_the_next_period_and_resets_the_due_date(demo: Store) -> None:
    assert last_report(demo, "Bakery") is None
    period = report_period(demo, "Bakery")
    assert period.start == date(2026, 10, 14) and period.last_sent_on is None
    assert [d.project for d in reports_due(demo, TODAY)] == ["Bakery website"]

    _, body = report(demo, "Bakery", TODAY, "My words.")
    sent = mark_report_sent(demo, "Bakery", TODAY, "My words.", body)
    assert last_report(demo, "Bakery") == sent
    assert [r.id for r in sent_reports(demo, "Bakery")] == [sent.id]
    period = report_period(demo, "Bakery")
    assert (period.start, period.last_sent_on, period.next_due) == (
        date(2026, 11, 24),
        TODAY,
        date(2026, 11, 30),
    )
    assert reports_due(demo, TODAY) == []
    assert board(demo, TODAY).reports_due == []
    assert [d.days for d in reports_due(demo, date(2026, 12, 2))] == [2]

    # Nothing happened since: the draft is empty and the report says so.
    assert report_draft(demo, "Bakery", date(2026, 11, 25)).draft == ""
    _, later = report(demo, "Bakery", date(2026, 11, 25))
    since = later.split("## Since the last report (Monday 23 November)\n\n")[1]
    assert since.split("\n\n")[0] == "- Time spent to date: 27.8 h of the 40 h budget"


def test_only_told_open_incidents_are_in_the_report(demo: Store) -> None:
    from relay_tui.models import Incident

    with demo.write() as session:
        session.add(
            Incident(
                project_id=1,
                occurred_on=TODAY,
                title="Host down",
                for_client="The site was off.",
                proposal="Move host.",
                told_on=TODAY,
            )
        )
        session.add(Incident(project_id=1, occurred_on=TODAY, title="Kept quiet"))
    _, text = report(demo, "Bakery", TODAY, "")
    assert "- Host down. For you: The site was off. What I propose: Move host." in text
    assert "Kept quiet" not in text


def test_bad_input_writes_nothing(demo: Store, db_path: object) -> None:
    before = table_counts(db_path)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        mark_report_sent(demo, "Nope", TODAY, "", "body")
    with pytest.raises(InvalidInput) as refused:
        mark_report_sent(demo, "Bakery", TODAY, "x\x00", "body")
    assert refused.value.field == "period"
    assert table_counts(db_path) == before  # type: ignore[arg-type]

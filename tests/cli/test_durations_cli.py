"""One duration grammar from the command line: budgets beyond 999 hours, minutes after
hours that stop at 59 however they are written, ASCII digits only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import query_rows, run_relay, table_counts


def _client(db: Path) -> None:
    result = run_relay("client", "add", "Marie Lambert", db=db)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("budget", "minutes"), [("1000h", 60_000), ("100000h", 6_000_000)])
def test_a_budget_over_999_hours_is_accepted(db_path: Path, budget: str, minutes: int) -> None:
    _client(db_path)
    result = run_relay(
        "project", "add", "Big site", "--client", "Marie", "--budget", budget, db=db_path
    )
    assert result.returncode == 0, result.stderr
    assert query_rows(db_path, "SELECT budget_minutes FROM project") == [(minutes,)]


@pytest.mark.parametrize("budget", ["100001h", "1h60", "1:60", "１000h"])
def test_a_bad_budget_is_refused_naming_the_field(db_path: Path, budget: str) -> None:
    _client(db_path)
    before = table_counts(db_path)
    result = run_relay(
        "project", "add", "Big site", "--client", "Marie", "--budget", budget, db=db_path
    )
    assert result.returncode == 2
    assert result.stderr.startswith("relay: error: budget: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert table_counts(db_path) == before


@pytest.mark.parametrize("duration", ["1h60", "1:60"])
def test_time_log_refuses_1h60_as_it_refuses_1_60(db_path: Path, duration: str) -> None:
    _client(db_path)
    assert run_relay("project", "add", "Site", "--client", "Marie", db=db_path).returncode == 0
    before = table_counts(db_path)
    result = run_relay("time", "log", duration, db=db_path)
    assert result.returncode == 2
    assert "minutes after the hours go from 0 to 59" in result.stderr
    assert table_counts(db_path) == before

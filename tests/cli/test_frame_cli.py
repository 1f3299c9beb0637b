"""`relay project frame P`: shows the frame, changes what is given and says what changed
with how to take it back; a cycle beyond three weeks and rigour not agreed are warnings
on stderr (exit 0); bad input is one line naming the option, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from relay_tui.cli import main
from relay_tui.cli.frame import RIGOUR_OPTIONS
from relay_tui.db import Store
from relay_tui.domain.before import RIGOUR
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import query_rows, run_relay, table_counts

UNDO = "Undo: relay undo."
NOT_AGREED = (
    "relay: warning: rigour: validations are not agreed in writing\n"
    "relay: warning: rigour: no regular progress point agreed\n"
    "relay: warning: rigour: no single contact person on the client's side\n"
    "relay: warning: rigour: changes are not agreed in writing\n"
)
LONG_CYCLE = (
    "relay: warning: Cycles of 30 days: beyond three weeks no planning holds. Split the work "
    "into cycles of 21 days at most.\n"
)


@pytest.fixture
def site(store: Store, db_path: Path) -> Path:
    add_client(store, {"name": "Atelier Dupont"})
    add_project(store, {"name": "Site", "client": "atelier"})
    add_project(store, {"name": "Shop", "client": "atelier"})
    return db_path


def frame_row(db: Path) -> tuple[object, ...]:
    """The frame as stored, read the same from both kinds of store (dates as ISO text,
    booleans as 0 and 1)."""
    [row] = query_rows(
        db,
        "SELECT working_method, cycle_days, CAST(contract_signed_on AS TEXT), "
        "report_every_days, rigour_written_validations, rigour_progress_point, "
        "rigour_single_contact, rigour_changes_in_writing FROM project WHERE name = 'Site'",
    )
    return tuple(int(value) if isinstance(value, bool) else value for value in row)


def relay(db: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_options_name_the_domains_rigour_items() -> None:
    assert tuple(item.option for item in RIGOUR) == RIGOUR_OPTIONS


def test_without_options_it_shows_the_frame_and_what_it_calls_for(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = table_counts(site)
    status, out, err = relay(site, capsys, "project", "frame", "site")
    assert (status, err) == (0, NOT_AGREED)
    assert out == (
        "method: none\ncycle days: none\nsigned: none\nreport every: none\n"
        "written-validations: no\nprogress-point: no\nsingle-contact: no\n"
        "changes-in-writing: no\n"
    )
    assert table_counts(site) == before


def test_a_change_says_what_changed_warns_and_undo_takes_it_back(site: Path) -> None:
    """The real command line, in subprocesses."""
    done = run_relay(
        "project", "frame", "site", "--method", "Short cycles", "--cycle-days", "30",
        "--report-every", "7", "--rigour", "written-validations,progress-point",
        db=site,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout == (
        "Frame of “Site” edited: method none → “Short cycles”, cycle days none → 30 days, "
        "report every none → 7 days, written-validations no → yes, progress-point no → yes. "
        f"{UNDO}\n"
    )
    assert done.stderr == LONG_CYCLE + (
        "relay: warning: rigour: no single contact person on the client's side\n"
        "relay: warning: rigour: changes are not agreed in writing\n"
    )
    assert frame_row(site) == ("Short cycles", 30, None, 7, 1, 1, 0, 0)
    again = run_relay("project", "frame", "site", "--rigour", "all", "--cycle-days", "14", db=site)
    assert (again.returncode, again.stderr) == (0, "")  # nothing left to say
    assert again.stdout == (
        "Frame of “Site” edited: cycle days 30 days → 14 days, single-contact no → yes, "
        f"changes-in-writing no → yes. {UNDO}\n"
    )
    undone = run_relay("undo", db=site)
    assert undone.returncode == 0, undone.stderr
    assert frame_row(site) == ("Short cycles", 30, None, 7, 1, 1, 0, 0)


def test_unticking_clearing_and_the_same_value_again(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relay(site, capsys, "project", "frame", "site", "--rigour", "all", "--report-every", "14")
    status, out, err = relay(
        site, capsys, "project", "frame", "site", "--no-rigour", "progress_point",
        "--report-every", "", "--signed", "2026-11-20",
    )  # fmt: skip
    assert (status, err) == (0, "relay: warning: rigour: no regular progress point agreed\n")
    assert out == (
        "Frame of “Site” edited: signed none → Fri 20 Nov 2026, report every 14 days → none, "
        f"progress-point yes → no. {UNDO}\n"
    )
    assert frame_row(site)[2:6] == ("2026-11-20", None, 1, 0)
    status, out, _ = relay(site, capsys, "project", "frame", "site", "--signed", "2026-11-20")
    assert (status, out) == (0, "Frame of “Site”: nothing changed.\n")


#: Bad input, and what relay says (after "relay: error: ").
BAD = [
    (["--cycle-days", "0"], "cycle_days: must be from 1 to 90 (got 0)"),
    (["--cycle-days", "91"], "cycle_days: must be from 1 to 90 (got 91)"),
    (["--report-every", "weekly"], "report_every: 'weekly' is not a whole number from 1 to 90"),
    (["--report-every", "91"], "report_every: must be from 1 to 90 (got 91)"),
    (["--signed", "+2d"], "signed: a contract cannot be signed in the future"),
    (["--rigour", "contract"], "rigour: 'contract' is not one of written-validations, "),
    (["--no-rigour", "all,nope"], "no_rigour: 'nope' is not one of"),
    (
        ["--rigour", "all", "--no-rigour", "single-contact"],
        "rigour: single-contact is both ticked and unticked",
    ),
]


@pytest.mark.parametrize(("options", "said"), BAD, ids=[" ".join(o) for o, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    site: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    before = (table_counts(site), frame_row(site))
    status, out, err = relay(site, capsys, "project", "frame", "site", *options)
    assert (status, out) == (2, "")
    assert err.startswith(f"relay: error: {said}"), err
    assert err.count("\n") == 1, err
    assert (table_counts(site), frame_row(site)) == before


def test_an_unknown_project_is_refused(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = relay(site, capsys, "project", "frame", "blog", "--cycle-days", "7")
    assert (status, out, err) == (2, "", "relay: error: project: no project matches 'blog'\n")


def test_bad_usage_exits_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = relay(site, capsys, "project", "frame")
    assert (status, out) == (2, "")
    assert err == (
        "relay: error: the following arguments are required: ID|NAME "
        "(see relay project frame --help)\n"
    )

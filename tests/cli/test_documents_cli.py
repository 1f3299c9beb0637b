"""`relay export commitments` and `relay export kickoff` through the real command line, on
the demo data seeded at FIXED_NOW: a new file (readable by its owner only), `-o -` prints,
an existing file is refused unless `--force`, an unknown project writes nothing."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.conftest import FIXED_NOW, run_relay

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = ("--today", FIXED_NOW.date().isoformat())


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def test_export_commitments_writes_a_new_private_file(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "commitments.md"
    done = run_relay("export", "commitments", "-p", "bakery", "-o", str(target), *TODAY, db=demo_db)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"Wrote the commitments of Bakery website to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "# Bakery website: mutual commitments\n\n"
        "Appendix to the contract with Marie Lambert, Monday 23 November 2026.\n"
    )
    assert "## The client commits to\n" in text and "## The provider commits to\n" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    # Again: refused, the file kept as it was.
    again = run_relay("export", "commitments", "-p", "bakery", "-o", str(target), db=demo_db)
    assert again.returncode == 2 and again.stdout == ""
    assert (
        again.stderr == f"relay: error: output: {target} already exists; choose another file name, "
        "or --force to replace it\n"
    )
    assert target.read_text(encoding="utf-8") == text


def test_export_kickoff_prints_with_dash_and_replaces_with_force(
    demo_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    printed = run_relay("export", "kickoff", "-p", "bakery", "-o", "-", *TODAY, db=demo_db)
    assert (printed.returncode, printed.stderr) == (0, "")
    assert printed.stdout.startswith(
        "# Bakery website: kick-off\n\nFor Marie Lambert, Monday 23 November 2026.\n"
    )
    for heading in ("How we work", "Key dates", "You commit to", "I commit to"):
        assert f"\n## {heading}\n" in printed.stdout
    assert not list(out.iterdir())  # nothing written

    target = out / "kickoff.md"
    target.write_text("an older summary\n", encoding="utf-8")
    refused = run_relay("export", "kickoff", "-p", "bakery", "-o", str(target), db=demo_db)
    assert refused.returncode == 2
    assert target.read_text(encoding="utf-8") == "an older summary\n"

    forced = run_relay(
        "export", "kickoff", "-p", "bakery", "-o", str(target), "--force", *TODAY, db=demo_db
    )
    assert (forced.returncode, forced.stderr) == (0, "")
    assert forced.stdout == f"Wrote the kick-off summary of Bakery website to {target}\n"
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["kickoff.md"]  # no temporary left


@pytest.mark.parametrize("what", ["commitments", "kickoff"])
def test_an_unknown_project_writes_nothing(demo_db: Path, tmp_path: Path, what: str) -> None:
    target = tmp_path / "out.md"
    done = run_relay("export", what, "-p", "nosuch", "-o", str(target), db=demo_db)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "relay: error: project: no project matches 'nosuch'\n"
    assert not target.exists()


def test_the_output_is_required(demo_db: Path) -> None:
    done = run_relay("export", "kickoff", "-p", "bakery", db=demo_db)
    assert done.returncode == 2
    assert "-o" in done.stderr

"""`relay capture --mail` (a mail on stdin, as mutt, neomutt and aerc pipe it) and
`relay import mail PATH`: run as a user runs them, exit statuses, what they print, and
nothing written on bad input."""

from __future__ import annotations

import io
import mailbox
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from relay_tui.cli.quick import read_capture
from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import query_rows, run_relay, table_counts


def relay_bytes(
    *args: str, db: Path, stdin: bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The command line with `stdin` given as bytes (a mail is bytes, not text)."""
    return subprocess.run(
        [sys.executable, "-m", "relay_tui", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def mail(sender: str, to: str = "me@freelance.fr", message_id: str = "<m1@b.fr>") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "=?utf-8?q?Maquettes_valid=C3=A9es?="
    message["Date"] = "Thu, 19 Nov 2026 14:03:00 +0000"
    message["Message-ID"] = message_id
    message.set_content("C'est bon pour moi.\n\nLe jeu. 19 nov., Moi a écrit :\n> Voici\n")
    return message.as_bytes()


@pytest.fixture
def shop(store: Store, tmp_path: Path) -> dict[str, str]:
    """Marie's bakery (her address known) and Paul's garage; the user's own address set.
    Made through the services, in this process: the commands under test run as a user
    runs them."""
    settings = tmp_path / "settings.toml"
    settings.write_text('my_addresses = ["me@freelance.fr"]\n')
    add_client(store, {"name": "Marie", "email": "marie@boulangerie.fr"})
    add_project(store, {"name": "Bakery", "client": "Marie"})
    add_client(store, {"name": "Paul"})
    add_project(store, {"name": "Garage", "client": "Paul"})
    return {"RELAY_CONFIG": str(settings)}


def test_a_piped_mail_is_logged_once(db_path: Path, shop: dict[str, str]) -> None:
    done = relay_bytes(
        "capture", "--mail", db=db_path, stdin=mail("marie@boulangerie.fr"), env=shop
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert (
        done.stdout.decode() == "Captured #1 on Bakery: email from the client, Thu 19 Nov 14:03\n"
    )
    assert query_rows(db_path, "SELECT direction, summary, message_id FROM contact") == [
        ("in", "Maquettes validées — C'est bon pour moi.", "m1@b.fr")
    ]
    before = table_counts(db_path)
    again = relay_bytes(
        "capture", "--mail", db=db_path, stdin=mail("marie@boulangerie.fr"), env=shop
    )
    assert again.returncode == 0
    assert again.stdout.decode() == (
        "Already logged as #1 on Bakery, Thu 19 Nov 14:03: nothing written\n"
    )
    assert table_counts(db_path) == before
    assert run_relay("undo", db=db_path, env=shop).stdout.startswith("Undone: contact #1 added")
    assert table_counts(db_path)["contact"] == 0


def test_my_own_mail_is_outbound_and_may_await_a_reply(db_path: Path, shop: dict[str, str]) -> None:
    raw = mail("Me <me@freelance.fr>", "Marie <marie@boulangerie.fr>")
    done = relay_bytes("capture", "--mail", "--awaiting", db=db_path, stdin=raw, env=shop)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == (
        "Captured #1 on Bakery: email to the client, Thu 19 Nov 14:03, awaiting a reply\n"
    )


def test_an_unknown_sender_needs_p(db_path: Path, shop: dict[str, str]) -> None:
    before = table_counts(db_path)
    raw = mail("stranger@example.org")
    refused = relay_bytes("capture", "--mail", db=db_path, stdin=raw, env=shop)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == (
        "relay: error: mail: no client or key actor has the address stranger@example.org; "
        "say which project with -p\n"
    )
    assert table_counts(db_path) == before
    done = relay_bytes("capture", "--mail", "-p", "gar", db=db_path, stdin=raw, env=shop)
    assert done.stdout.decode().startswith("Captured #1 on Garage: email from the client")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("--mail",), b"hello, not a mail\n", "mail: not a mail: it has no From address"),
        (("--mail",), b"", "mail: not a mail: it has no From address"),
        (
            ("--mail", "some text"),
            b"",
            "text: --mail reads the mail on standard input: give no text",
        ),
        (("--mail", "--in"), b"", "mail: the mail says it: leave --in/--out out"),
        ((), b"", "text: needs the text of what was said (or --mail)"),
    ],
)
def test_bad_input_writes_nothing(
    db_path: Path, shop: dict[str, str], args: tuple[str, ...], stdin: bytes, message: str
) -> None:
    before = table_counts(db_path)
    refused = relay_bytes("capture", *args, db=db_path, stdin=stdin, env=shop)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == f"relay: error: {message}\n"
    assert table_counts(db_path) == before


def test_a_mail_without_date_is_logged_now_with_a_warning(
    db_path: Path, shop: dict[str, str]
) -> None:
    raw = b"From: marie@boulangerie.fr\nSubject: Hi\n\nHello\n"
    done = relay_bytes("capture", "--mail", db=db_path, stdin=raw, env=shop)
    assert done.returncode == 0
    assert done.stderr.decode() == (
        "relay: warning: the mail has no readable Date; logged at the time it was read\n"
    )


def test_mail_is_never_the_fast_path() -> None:
    assert read_capture(["capture", "--mail"]) is None
    assert read_capture(["capture", "--mail", "-p", "x"]) is None


def test_import_mail_prints_the_counts_and_undo_takes_it_back(
    db_path: Path, shop: dict[str, str], tmp_path: Path
) -> None:
    box = mailbox.Maildir(tmp_path / "Mail")
    for index in range(40):
        sender = "marie@boulangerie.fr" if index % 2 else f"x{index}@example.org"
        box.add(mail(sender, message_id=f"<n{index}@b.fr>"))
    box.add(b"garbage\n")
    done = run_relay("import", "mail", str(tmp_path / "Mail"), db=db_path, env=shop)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Mails: 20 logged, 0 already there, 20 skipped (not with a known client), 1 unreadable\n"
    )
    # Not a terminal: a plain line every tenth of the way.
    lines = done.stderr.splitlines()
    assert len(lines) == 10 and lines[-1].endswith(": 41 of 41 messages")
    assert table_counts(db_path)["contact"] == 20
    assert run_relay("undo", db=db_path, env=shop).stdout.startswith("Undone: 20 mails imported")
    assert table_counts(db_path)["contact"] == 0


def test_import_mail_refuses_what_is_no_mailbox(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    before = table_counts(db_path)
    refused = run_relay("import", "mail", str(tmp_path / "notes.txt"), db=db_path)
    assert refused.returncode == 2
    assert "is not an mbox file" in refused.stderr
    assert table_counts(db_path) == before


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_is_a_bar_redrawn_in_place() -> None:
    from relay_tui.cli.mail import Progress

    screen = FakeTerminal()
    progress = Progress(300, "box", screen)
    for _ in range(300):
        progress.step()
    progress.done()
    drawn = screen.getvalue()
    assert drawn.endswith("\rReading box: 300 of 300 messages [" + "#" * 30 + "]\n")
    assert drawn.count("\r") == 31  # once per 1/30th, then the last one
    assert "\n" not in drawn[:-1]

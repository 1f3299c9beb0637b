"""Mail as contacts (`services.mail`): the project from the other party's address, the
direction from the user's own addresses, one contact per Message-ID, a whole mailbox
in one step that undo takes back, and the Message-ID kept through export and import."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.services import undo
from relay_tui.services.actors import save_stakeholder
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import ContactView, capture, contacts_page
from relay_tui.services.mail import (
    ALREADY,
    LOGGED,
    MailCaptured,
    MailImport,
    capture_mail,
    import_mails,
    mailbox_messages,
    proposals_of,
    read_proposal,
)
from relay_tui.services.projects import add_project
from relay_tui.services.transfer import export_data, import_data
from tests.conftest import FIXED_NOW, table_counts

ME = ("me@freelance.fr",)


def mail(
    sender: str,
    to: str = "me@freelance.fr",
    *,
    subject: str = "Maquettes",
    body: str = "Bonjour, c'est validé.",
    message_id: str | None = "<m1@boulangerie.fr>",
    date: str | None = "Thu, 19 Nov 2026 14:03:00 +0100",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if date:
        message["Date"] = date
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    return message.as_bytes()


@pytest.fixture
def bakery(store: Store) -> Store:
    add_client(store, {"name": "Marie", "email": "Marie@Boulangerie.fr"})
    add_project(store, {"name": "Bakery site", "client": "Marie"}, now=FIXED_NOW)
    add_client(store, {"name": "Paul", "email": "paul@garage.fr"})
    add_project(store, {"name": "Garage", "client": "Paul"}, now=FIXED_NOW)
    return store


def log(store: Store, raw: bytes, **options: object) -> MailCaptured:
    return capture_mail(store, read_proposal(raw, FIXED_NOW), ME, now=FIXED_NOW, **options)  # type: ignore[arg-type]


def only_contact(store: Store) -> ContactView:
    rows = contacts_page(store)
    assert len(rows) == 1
    return rows[0]


def test_a_mail_from_the_client_is_inbound_on_the_clients_project(bakery: Store) -> None:
    done = log(bakery, mail("Marie Dupré <marie@boulangerie.fr>"))
    assert (done.status, done.project, done.direction) == (LOGGED, "Bakery site", "in")
    row = only_contact(bakery)
    assert (row.project, row.direction, row.channel) == ("Bakery site", "in", "email")
    assert row.at == datetime(2026, 11, 19, 13, 3, tzinfo=UTC)
    assert row.summary == "Maquettes — Bonjour, c'est validé."


def test_a_mail_i_sent_is_outbound_on_the_recipients_project(bakery: Store) -> None:
    done = log(bakery, mail("Me <ME@freelance.fr>", "Paul <paul@garage.fr>"), awaiting=True)
    assert (done.project, done.direction) == ("Garage", "out")
    row = only_contact(bakery)
    assert (row.direction, row.awaiting) == ("out", True)


def test_the_same_message_twice_is_logged_once(bakery: Store, db_path: Path) -> None:
    first = log(bakery, mail("marie@boulangerie.fr"))
    before = table_counts(db_path)
    again = log(bakery, mail("marie@boulangerie.fr"))
    assert (again.status, again.contact_id) == (ALREADY, first.contact_id)
    assert again.project == "Bakery site"
    assert table_counts(db_path) == before


def test_an_unknown_sender_is_refused_without_a_project(bakery: Store) -> None:
    with pytest.raises(NotFound, match=r"key actor has the address stranger@example\.org.*-p"):
        log(bakery, mail("stranger@example.org"))
    assert contacts_page(bakery) == []
    done = log(bakery, mail("stranger@example.org"), project="Garage")
    assert (done.project, done.direction) == ("Garage", "in")


def test_what_is_not_a_mail_is_refused(bakery: Store) -> None:
    with pytest.raises(InvalidInput, match="not a mail"):
        read_proposal(b"just some text\n")


def test_a_stakeholder_address_names_its_project(bakery: Store) -> None:
    project = add_project(bakery, {"name": "Bakery shop", "client": "Marie"}, now=FIXED_NOW)
    save_stakeholder(bakery, project.id, {"name": "Léa", "reach": "Léa <lea@boulangerie.fr>"})  # type: ignore[arg-type]
    assert log(bakery, mail("lea@boulangerie.fr")).project == "Bakery shop"


def test_a_client_with_several_projects_gets_the_one_in_touch_last(bakery: Store) -> None:
    add_project(bakery, {"name": "Bakery shop", "client": "Marie"}, now=FIXED_NOW)
    capture(
        bakery,
        {"project": "Bakery site", "summary": "call", "at": "2026-11-20T10:00+00:00"},
        now=FIXED_NOW,
    )
    assert log(bakery, mail("marie@boulangerie.fr")).project == "Bakery site"
    capture(
        bakery,
        {"project": "Bakery shop", "summary": "call", "at": "2026-11-21T10:00+00:00"},
        now=FIXED_NOW,
    )
    second = mail("marie@boulangerie.fr", message_id="<m2@b>")
    assert log(bakery, second).project == "Bakery shop"


def test_undo_takes_a_captured_mail_back(bakery: Store) -> None:
    log(bakery, mail("marie@boulangerie.fr"))
    assert undo.undo_last(bakery).summary == "contact #1 added"
    assert contacts_page(bakery) == []


def test_the_message_id_survives_export_and_import(bakery: Store, tmp_path: Path) -> None:
    from relay_tui.db import location_for_path, open_store

    log(bakery, mail("marie@boulangerie.fr", message_id="<keep.me@b>"))
    data = export_data(bakery)
    (row,) = data["tables"]["contact"]
    assert row["message_id"] == "keep.me@b"
    fresh = open_store(location_for_path(tmp_path / "fresh.db"))
    try:
        import_data(fresh, data)
        assert log(fresh, mail("marie@boulangerie.fr", message_id="<keep.me@b>")).status == ALREADY
    finally:
        fresh.close()


# --- whole mailboxes ------------------------------------------------------------------


def fill(box: mailbox.Mailbox, count: int) -> dict[str, int]:
    """`count` messages: a third from Marie, a third from me to Paul, a third from
    strangers, and every tenth one not a mail at all. Returns the expected counts."""
    start = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    expected = {"logged": 0, "skipped": 0, "unreadable": 0}
    for index in range(count):
        if index % 10 == 9:
            box.add(b"this is no mail at all\n")
            expected["unreadable"] += 1
            continue
        sender, to = [
            ("marie@boulangerie.fr", "me@freelance.fr"),
            ("me@freelance.fr", "paul@garage.fr"),
            (f"someone{index}@example.org", "me@freelance.fr"),
        ][index % 3]
        day = (start + timedelta(hours=index)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        box.add(mail(sender, to, subject=f"Mail {index}", message_id=f"<n{index}@x>", date=day))
        expected["skipped" if index % 3 == 2 else "logged"] += 1
    box.flush()
    return expected


def import_box(store: Store, path: Path) -> MailImport:
    total, messages = mailbox_messages(path)
    proposals = proposals_of(messages, FIXED_NOW, lambda: None)
    assert len(proposals) == total
    return import_mails(store, proposals, ME, now=FIXED_NOW)


@pytest.mark.parametrize("kind", ["mbox", "maildir"])
def test_a_mailbox_of_hundreds_is_logged_counted_and_undone_in_one_step(
    bakery: Store, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / kind
    box = mailbox.mbox(path) if kind == "mbox" else mailbox.Maildir(path)
    expected = fill(box, 300)
    assert expected == {"logged": 180, "skipped": 90, "unreadable": 30}
    log(bakery, mail("marie@boulangerie.fr", message_id="<n0@x>"))  # one already there

    done = import_box(bakery, path)
    assert (done.logged, done.already, done.skipped, done.unreadable) == (179, 1, 90, 30)
    rows = contacts_page(bakery, limit=500)
    assert len(rows) == 180
    assert {r.project for r in rows if r.direction == "in"} == {"Bakery site"}
    assert {r.project for r in rows if r.direction == "out"} == {"Garage"}

    again = import_box(bakery, path)
    assert (again.logged, again.already, again.skipped, again.unreadable) == (0, 180, 90, 30)

    step = undo.undo_last(bakery)
    assert step.summary == "179 mails imported"
    assert len(contacts_page(bakery, limit=500)) == 1  # the one captured before


def test_a_path_that_is_no_mailbox_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(InvalidInput, match="not an mbox"):
        mailbox_messages(tmp_path / "notes.txt")
    with pytest.raises(InvalidInput, match="not a Maildir"):
        mailbox_messages(tmp_path)
    with pytest.raises(NotFound):
        mailbox_messages(tmp_path / "missing")

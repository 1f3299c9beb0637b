"""The chase message: what is awaited, since when (working days), what it holds up and the
next date that moves; a gentle "any news?" when nothing is awaited; French when asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from urllib.parse import parse_qs, unquote, urlsplit

from relay_tui.domain.chase_message import (
    Bell,
    ChaseFacts,
    Sent,
    chase_message,
    held_up,
    mailto,
    subject_line,
)
from relay_tui.i18n import speaking

TODAY = date(2026, 11, 23)  # a Monday


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def bell(
    ident: int,
    title: str,
    owner: str,
    due: int,
    *,
    after: int | None = None,
    status: str = "upcoming",
    projected: int | None = None,
    done: int | None = None,
) -> Bell:
    return Bell(
        ident,
        title,
        owner,
        day(due),
        None if done is None else day(done),
        after,
        status,
        None if projected is None else day(projected),
    )


#: The client's mock-ups are six days late (due Tuesday 17 November); the pages follow
#: them and the go-live follows the pages: both moved six days by the freeze.
LATE_CHAIN = [
    bell(1, "Mock-ups validated", "client", -6, status="late"),
    bell(2, "Build the pages", "provider", 4, after=1, projected=10),
    bell(3, "Go live", "provider", 12, after=2, projected=18),
    bell(4, "Unrelated invoice", "provider", 5),
]


def facts(**fields: object) -> ChaseFacts:
    base: dict[str, object] = {"project": "Bakery website", "client": "Marie Lambert"}
    base["today"] = TODAY
    base.update(fields)
    return ChaseFacts(**base)  # type: ignore[arg-type]


def test_a_late_client_bell_since_when_what_it_holds_up_and_the_next_date_it_moves() -> None:
    written = chase_message(facts(bells=LATE_CHAIN, signature="Ann Dupont"))
    assert written.subject == "Bakery website: waiting for “Mock-ups validated”"
    assert written.awaited == 1
    assert written.body.splitlines() == [
        "Hello Marie Lambert,",
        "",
        "I am coming back to you about Bakery website: I am still waiting for "
        "“Mock-ups validated”, expected on Tuesday 17 November (4 working days ago).",
        "",
        "“Mock-ups validated” holds up what comes after it:",
        "- “Build the pages”, planned for Friday 27 November, now Thursday 3 December;",
        "- “Go live”, planned for Saturday 5 December, now Friday 11 December.",
        "Each day without it moves them by one more day: without it today, “Go live” "
        "moves to Saturday 12 December.",
        "",
        "Could you tell me when I can expect it?",
        "",
        "Thank you in advance.",
        "",
        "Best regards,",
        "Ann Dupont",
    ]
    assert written.text == written.subject + "\n\n" + written.body


def test_a_client_bell_in_its_margin_moves_things_only_after_its_due_date() -> None:
    bells = [
        bell(1, "Texts from Marie", "client", 3, status="in_margin"),
        bell(2, "Build the pages", "provider", 10, after=1),
    ]
    written = chase_message(facts(bells=bells))
    assert "waiting for “Texts from Marie”, expected by Thursday 26 November." in written.body
    # One day late after Thursday 26 moves the pages from 3 to 4 December.
    assert (
        "Without it by Thursday 26 November, “Build the pages” moves to Friday 4 December, "
        "and one more day for each day after that." in written.body
    )
    assert "now" not in written.body  # nothing has moved yet


def test_held_up_follows_chains_and_keeps_a_later_date_another_late_bell_gave() -> None:
    bells = [
        bell(1, "Logo", "client", -2, status="late"),
        bell(2, "Photos", "client", -9, status="late"),
        bell(3, "Layout", "provider", 5, after=1),
        bell(4, "Print", "provider", 8, after=3, projected=17),  # also after 2 (via 3? no)
        bell(5, "Done already", "provider", 6, after=1, done=-1),
    ]
    held = held_up(bells[0], bells, TODAY)
    assert [(h.title, h.now_on, h.moves_to) for h in held] == [
        ("Layout", day(5), day(8)),  # two days late, three if not in today
        ("Print", day(17), day(17)),  # already moved further by something else
    ]
    assert held_up(bells[1], bells, TODAY) == ()


def test_several_things_awaited_are_listed_briefly_and_counted_in_the_subject() -> None:
    written = chase_message(
        facts(
            bells=LATE_CHAIN,
            validations=[Sent("Home page mock-up", day(-9))],
            replies=[Sent("Sent the mock-ups for validation", day(-9))],
        )
    )
    assert written.subject == "Bakery website: waiting for “Mock-ups validated” and 2 more things"
    assert written.awaited == 3
    lines = written.body.splitlines()
    start = lines.index(
        "I am coming back to you about Bakery website: I am still waiting for a few "
        "things from you:"
    )
    assert lines[start + 1 : start + 4] == [
        "- “Mock-ups validated”, expected on Tuesday 17 November (4 working days ago);",
        "- your validation of “Home page mock-up”, sent on Saturday 14 November "
        "(6 working days ago);",
        "- your reply to my message “Sent the mock-ups for validation” of Saturday "
        "14 November (6 working days ago).",
    ]
    assert "Could you tell me when I can expect them?" in lines


def test_an_awaited_reply_alone_and_the_working_days_skip_closed_days() -> None:
    sent = Sent("Asked for the logos", day(-3))  # Friday 20 November
    written = chase_message(facts(replies=[sent]))
    assert written.subject == "Bakery website: waiting for your reply to “Asked for the logos”"
    assert (
        "I am still waiting for your reply to my message “Asked for the logos” of "
        "Friday 20 November (1 working day ago)." in written.body
    )
    assert "holds up" not in written.body
    closed_monday = chase_message(facts(replies=[sent]), closed={TODAY})
    assert "of Friday 20 November." in closed_monday.body  # no working day has passed


def test_nothing_awaited_is_a_gentle_any_news_with_the_next_client_bell() -> None:
    quiet = [
        bell(1, "Access rights validated", "client", 13),
        bell(2, "Old documents", "client", -20, done=-21, status="done"),
        bell(3, "Sprint 3 demo", "provider", 6),
    ]
    written = chase_message(facts(project="Rossi intranet", client="Sofia Rossi", bells=quiet))
    assert written.subject == "Rossi intranet: any news?"
    assert written.awaited == 0
    assert written.body.splitlines()[:5] == [
        "Hello Sofia Rossi,",
        "",
        "A quick word about Rossi intranet: how are things on your side? Do you have any "
        "news, or a question for me?",
        "",
        "As a reminder, I am counting on “Access rights validated” by Sunday 6 December.",
    ]
    bare = chase_message(facts(client="", bells=[]))
    assert bare.body.startswith("Hello,\n\nA quick word about Bakery website")
    assert "As a reminder" not in bare.body


def test_in_french_when_speaking_french() -> None:
    with speaking("fr"):
        written = chase_message(facts(bells=LATE_CHAIN, signature="Ann Dupont"))
    # The catalogue writes French typography's no-break spaces; the test reads them plain.
    written = replace(
        written,
        subject=written.subject.replace("\u00a0", " "),
        body=written.body.replace("\u00a0", " "),
    )
    assert written.subject == "Bakery website : en attente de « Mock-ups validated »"
    lines = written.body.splitlines()
    assert lines[0] == "Bonjour Marie Lambert,"
    assert lines[2] == (
        "Je reviens vers vous au sujet du projet « Bakery website » : j'attends toujours "
        "« Mock-ups validated », dont l'échéance était le mardi 17 novembre "
        "(il y a 4 jours ouvrés)."
    )
    assert "- « Go live » : initialement le samedi 5 décembre, désormais le vendredi " in (
        written.body
    )
    assert "« Go live » passe au samedi 12 décembre." in written.body
    assert lines[-3:] == ["", "Bien cordialement,", "Ann Dupont"]
    with speaking("fr"):
        quiet = chase_message(facts(bells=[]))
    assert quiet.subject == "Bakery website : des nouvelles ?"


def test_the_subject_is_one_line_cut_with_an_ellipsis() -> None:
    assert subject_line("a\nb   c") == "a b c"
    assert subject_line("x" * 200, 10) == "x" * 9 + "…"
    long_title = [bell(1, "Mock-ups " * 40, "client", -1, status="late")]
    assert len(chase_message(facts(bells=long_title)).subject) == 150


def test_mailto_carries_the_address_subject_and_body() -> None:
    url = mailto("marie@lambert.example", "Bakery: waiting & more?", "Hello,\n\nLine 2 = ok")
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "marie@lambert.example")
    query = parse_qs(parts.query)
    assert query == {"subject": ["Bakery: waiting & more?"], "body": ["Hello,\r\n\r\nLine 2 = ok"]}
    assert mailto(None, "S", "B") == "mailto:?subject=S&body=B"

"""A mail as a contact (`domain.mail`): real messages, as mail clients send them, read
into the instant, the addresses, the Message-ID and a summary of what the sender wrote."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from relay_tui.domain.mail import (
    MailProposal,
    NotAMail,
    direction,
    html_to_text,
    normalised_id,
    own_lines,
    parse_mail,
    propose,
)
from relay_tui.terms import SUMMARY_MAX

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def read(raw: bytes) -> MailProposal:
    return propose(parse_mail(raw), NOW)


ALTERNATIVE = b"""\
From: =?utf-8?q?Marie_Dupr=C3=A9?= <Marie@Boulangerie.FR>
To: Me <me@freelance.fr>, =?iso-8859-1?q?Jos=E9?= <jose@boulangerie.fr>
Cc: compta@boulangerie.fr
Subject: =?utf-8?b?UsOpcG9uc2UgOiBsZXMgbWFxdWV0dGVz?=
Date: Thu, 19 Nov 2026 14:03:00 +0100
Message-ID:
 <CAF=abc.123@mail.boulangerie.fr>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Bonjour,

Les maquettes me conviennent, on valide la page d'accueil =C3=A0 la livraison.

Le jeu. 19 nov. 2026 =C3=A0 10:00, Moi <me@freelance.fr> a =C3=A9crit :
> Voici les maquettes de la page d'accueil.
> Bonne journ=C3=A9e

--=20
Marie Dupr=C3=A9
Boulangerie du coin

--b1
Content-Type: text/html; charset="utf-8"

<p>HTML version: never read when there is text</p>
--b1--
"""


def test_multipart_alternative_reads_the_plain_text_and_decodes_every_header() -> None:
    mail = read(ALTERNATIVE)
    assert mail.sender == "marie@boulangerie.fr"
    assert mail.recipients == ("me@freelance.fr", "jose@boulangerie.fr", "compta@boulangerie.fr")
    assert mail.subject == "Réponse : les maquettes"
    assert mail.message_id == "CAF=abc.123@mail.boulangerie.fr"
    assert (mail.at, mail.dated) == (datetime(2026, 11, 19, 13, 3, tzinfo=UTC), True)
    assert mail.summary == (
        "Réponse : les maquettes — Bonjour, Les maquettes me conviennent, on valide la page "
        "d'accueil à la livraison."
    )


def test_an_html_only_message_is_turned_into_text_safely() -> None:
    message = EmailMessage()
    message["From"] = "client@example.com"
    message["Subject"] = "Devis"
    message["Date"] = "Mon, 16 Nov 2026 09:00:00 +0000"
    message.set_content(
        "<html><head><style>p {color: red}</style><title>T</title></head><body>"
        "<script>alert('x')</script><p>Bonjour&nbsp;!<br>Le devis est <b>sign&eacute;</b>"
        " &lt;b&gt;vraiment&lt;/b&gt;.</p><!-- hidden -->"
        "<blockquote>Old quoted text</blockquote><div>&#8212; Marie</div></body></html>",
        subtype="html",
    )
    mail = read(message.as_bytes())
    assert mail.summary == "Devis — Bonjour ! Le devis est signé <b>vraiment</b>. — Marie"
    assert "alert" not in mail.summary and "color" not in mail.summary


def test_html_to_text_keeps_line_breaks_and_drops_tags() -> None:
    assert html_to_text("<p>One</p><p>Two<br/>Three</p>").split("\n")[:3] == [
        "One",
        "Two",
        "Three",
    ]


def test_a_quoted_reply_in_english_keeps_only_the_new_text() -> None:
    body = (
        "Thanks, the invoice is paid.\n"
        "\n"
        "On Mon, 16 Nov 2026 at 09:00, Me <me@freelance.fr>\n"
        "wrote:\n"
        "> Here is the invoice.\n"
    )
    assert own_lines(body) == ["Thanks, the invoice is paid."]
    assert own_lines("Yes.\nOn Monday, Marie wrote:\n> ok\n") == ["Yes."]


def test_inline_quotes_are_dropped_wherever_they_are() -> None:
    body = "> Can you send it?\nSent.\n> And the logo?\nTomorrow.\n"
    assert own_lines(body) == ["Sent.", "Tomorrow."]


@pytest.mark.parametrize(
    "signature",
    [
        "Sent from my iPhone",
        "Envoyé de mon iPhone",
        "Envoyé depuis mon mobile Orange",
        "Get Outlook for Android",
        "-----Original Message-----",
        "----- Message d'origine -----",
        "De : Marie <marie@boulangerie.fr>",
        "-- ",
    ],
)
def test_signatures_and_forwarded_originals_end_the_text(signature: str) -> None:
    assert own_lines(f"D'accord pour jeudi.\n{signature}\nsomething after\n") == [
        "D'accord pour jeudi."
    ]


def test_no_date_is_now_and_said_so() -> None:
    mail = read(b"From: a@b.fr\nSubject: Hi\n\nHello\n")
    assert (mail.at, mail.dated) == (NOW, False)
    assert mail.message_id is None
    bad = read(b"From: a@b.fr\nDate: someday soon\nSubject: Hi\n\nHello\n")
    assert (bad.at, bad.dated) == (NOW, False)


def test_a_date_ahead_of_our_clock_is_now() -> None:
    mail = read(b"From: a@b.fr\nDate: Mon, 23 Nov 2026 10:05:00 +0000\n\nHi\n")
    assert (mail.at, mail.dated) == (NOW, True)


def test_a_date_without_zone_is_utc() -> None:
    mail = read(b"From: a@b.fr\nDate: Mon, 16 Nov 2026 10:05:00 -0000\n\nHi\n")
    assert mail.at == datetime(2026, 11, 16, 10, 5, tzinfo=UTC)


def test_what_is_not_a_mail_is_refused() -> None:
    with pytest.raises(NotAMail):
        read(b"hello, this is not a mail\n")
    with pytest.raises(NotAMail):
        read(b"")
    with pytest.raises(NotAMail):
        read(b"From: nobody\n\ntext\n")


def test_message_ids_are_kept_without_brackets_and_spaces() -> None:
    assert normalised_id("  <a.b@c>  ") == "a.b@c"
    assert normalised_id("<a.b\n @c>") == "a.b@c"
    assert normalised_id("") is None
    assert normalised_id("<" + "x" * 2000 + ">") is None


def test_direction_is_out_only_from_my_addresses() -> None:
    assert direction("me@freelance.fr", ("me@freelance.fr",)) == "out"
    assert direction("Me@Freelance.fr", ("me@freelance.fr",)) == "out"
    assert direction("marie@boulangerie.fr", ("me@freelance.fr",)) == "in"


def test_the_summary_stays_within_its_limit_and_on_one_line() -> None:
    message = EmailMessage()
    message["From"] = "a@b.fr"
    message["Subject"] = "S" * (SUMMARY_MAX + 50)
    message.set_content("line\twith\x1b[31m escapes\n" * 50)
    mail = read(message.as_bytes())
    assert len(mail.summary) <= SUMMARY_MAX
    assert "\x1b" not in mail.summary and "\n" not in mail.summary


def test_an_empty_mail_still_has_a_summary() -> None:
    mail = read(b"From: a@b.fr\n\n")
    assert mail.summary == "(a mail without subject or text)"


def test_a_body_in_an_unknown_charset_is_read_as_far_as_it_goes() -> None:
    raw = b"From: a@b.fr\nSubject: x\nContent-Type: text/plain; charset=klingon\n\nHello there\n"
    assert read(raw).summary == "x — Hello there"

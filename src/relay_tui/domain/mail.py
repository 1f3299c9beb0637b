"""A mail as a contact: what `relay capture --mail` and `relay import mail` propose to log.

Pure: the standard library's `email` package only (policy `email.policy.default`, which
decodes RFC 2047 headers). From one message it reads the instant (`Date`, in UTC; a
missing or unreadable `Date` is "now", one in the future is "now" too: a sender's clock
ahead of ours), the addresses (From, To, Cc, in lower case), the Message-ID (without its
angle brackets and spaces), and a summary: the subject, then the first lines of what the
sender wrote, without the quoted message, the attribution line above it ("On … wrote:",
"Le … a écrit :"), the signature or a forwarded original. An HTML-only message is turned
into text crudely but safely (tags dropped, entities unescaped; nothing is fetched).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from relay_tui.i18n import tr
from relay_tui.terms import MESSAGE_ID_MAX, SUMMARY_MAX

#: How many lines of the body go into the summary, after the subject.
BODY_LINES = 6
#: And at most this many characters of them (the log shows a line; the mail stays in
#: the mail client).
BODY_CHARS = 600

#: A line that starts the quoted message: the attribution of a reply (English, French)
#: or the header of a forwarded or quoted original (Outlook, Apple Mail, Gmail).
_ATTRIBUTION = re.compile(
    r"^\s*(on\b.*\bwrote\s*:?\s*$|le\b.*\ba\s+écrit\s*:?\s*$|"
    r"-{2,}\s*(original message|message d'origine|forwarded message|message transféré)"
    r"\s*-{2,}\s*$|_{8,}\s*$|(from|de)\s*:\s.*@)",
    re.IGNORECASE,
)
#: The start of an attribution that mail clients wrap over two lines ("On Mon, 3 Nov
#: 2026 at 10:00, Marie <m@x.fr>" then "wrote:").
_ATTRIBUTION_START = re.compile(r"^\s*(on|le)\s.*\d", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"^\s*.*\b(wrote|a\s+écrit)\s*:\s*$", re.IGNORECASE)
#: The signatures a phone or a mail app adds.
_MOBILE = re.compile(
    r"^\s*(sent from my\b|sent from (outlook|mail) for\b|get outlook for\b|"
    r"envoyé (de|depuis) mon\b|envoyé (de|depuis) (outlook|mail|yahoo)\b|"
    r"obtenir outlook pour\b|télécharger outlook pour\b)",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_DROPPED_ELEMENTS = re.compile(
    r"<(script|style|head|title)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_QUOTE_BLOCKS = re.compile(r"<blockquote\b[^>]*>.*?</blockquote\s*>", re.IGNORECASE | re.DOTALL)
_LINE_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", re.IGNORECASE)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")


class NotAMail(ValueError):
    """What was read is not a mail (no sender's address)."""


@dataclass(frozen=True)
class MailProposal:
    """A mail as relay would log it; `dated`: whether `at` came from its `Date`."""

    message_id: str | None
    at: datetime
    dated: bool
    sender: str
    recipients: tuple[str, ...]  # To, then Cc
    subject: str
    summary: str


def parse_mail(raw: bytes) -> EmailMessage:
    """The message in `raw` (RFC 5322 bytes, as a mail client pipes it)."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def propose(message: EmailMessage, now: datetime) -> MailProposal:
    """What `message` would be logged as; `NotAMail` when it has no sender's address."""
    sender = _sender(message)
    if not sender:
        raise NotAMail(tr("not a mail: it has no From address"))
    at, dated = _instant(message, now)
    subject = _header(message, "Subject")
    return MailProposal(
        message_id=normalised_id(_header(message, "Message-ID")),
        at=at,
        dated=dated,
        sender=sender,
        recipients=_addresses(message, "To", "Cc"),
        subject=subject,
        summary=summary_of(subject, body_text(message)),
    )


def normalised_id(value: str) -> str | None:
    """A Message-ID as kept: no angle brackets, no spaces (folded headers); None when
    there is none, or one too long to be a Message-ID."""
    cleaned = "".join(value.split()).strip("<>")
    if not cleaned or len(cleaned) > MESSAGE_ID_MAX:
        return None
    return cleaned


def direction(sender: str, my_addresses: tuple[str, ...]) -> str:
    """ "out" when the user sent it (one of `my_addresses`), else "in"."""
    return "out" if sender.lower() in my_addresses else "in"


def summary_of(subject: str, body: str) -> str:
    """The subject, then the first lines the sender wrote, within SUMMARY_MAX."""
    lines = own_lines(body)[:BODY_LINES]
    text = " ".join(lines)
    if len(text) > BODY_CHARS:
        text = text[: BODY_CHARS - 1].rstrip() + "…"
    subject = " ".join(subject.split())
    said = f"{subject} — {text}" if subject and text else subject or text
    said = _clean(said) or tr("(a mail without subject or text)")
    return said if len(said) <= SUMMARY_MAX else said[: SUMMARY_MAX - 1] + "…"


def own_lines(body: str) -> list[str]:
    """The non-empty lines the sender wrote: up to the quoted message, the signature or
    the forwarded original; quoted lines (`>`) dropped wherever they are."""
    kept: list[str] = []
    lines = body.splitlines()
    for index, line in enumerate(lines):
        if line.rstrip() in ("--", "-- ") or _ATTRIBUTION.match(line) or _MOBILE.match(line):
            break
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _ATTRIBUTION_START.match(line) and _ATTRIBUTION_END.match(following):
            break
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            continue
        kept.append(" ".join(stripped.split()))
    return kept


def body_text(message: EmailMessage) -> str:
    """The plain-text body, or the HTML one turned into text; "" when there is none."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset, a bad encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return content


def html_to_text(markup: str) -> str:
    """HTML as plain lines: scripts, styles and quoted blocks dropped, line-breaking tags
    as new lines, every other tag removed, entities unescaped (after the tags, so an
    escaped `&lt;b&gt;` stays text)."""
    text = _COMMENTS.sub("", markup)
    text = _DROPPED_ELEMENTS.sub("", text)
    text = _QUOTE_BLOCKS.sub("\n", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def _clean(text: str) -> str:
    """No control characters (a summary is one line of text), no lone surrogates."""
    text = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(text.split())


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of
        value = message.get_all(name, failobj=[None])[0]  # type: ignore[index]
    return _clean(str(value)) if value is not None else ""


def _sender(message: EmailMessage) -> str:
    raw = message.get_all("From", failobj=[])
    try:
        address = parseaddr(str(raw[0]))[1] if raw else ""
    except (ValueError, IndexError, TypeError):
        return ""
    return address.strip().lower() if "@" in address else ""


def _addresses(message: EmailMessage, *names: str) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        values = [str(v) for v in message.get_all(name, failobj=[])]
        try:
            pairs = getaddresses(values)
        except (ValueError, IndexError, TypeError):
            continue
        for _, address in pairs:
            address = address.strip().lower()
            if "@" in address and address not in found:
                found.append(address)
    return tuple(found)


def _instant(message: EmailMessage, now: datetime) -> tuple[datetime, bool]:
    """`Date` in UTC (no zone given: UTC); now when it is missing, unreadable or later
    than now."""
    try:
        header = message.get("Date")
        moment = getattr(header, "datetime", None)
    except (ValueError, IndexError, TypeError):
        moment = None
    if not isinstance(moment, datetime):
        return now.astimezone(UTC), False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return now.astimezone(UTC), False
    if moment > now:
        return now.astimezone(UTC), True
    return moment, True

"""Mail as contacts: `relay capture --mail` (one message) and `relay import mail` (a
mailbox), shared by every front end.

Which project a mail belongs to: the one given (`-p`), else the one of the other party's
address. The other party is the sender of a mail the user received, the recipients (To,
then Cc) of one the user sent (from one of the `my_addresses` setting). An address is a
client's (`Client.email`: every project of that client) or a stakeholder's (an address
in `Stakeholder.reach`: that stakeholder's project). Among several projects, an active
one before a closed one, then the one with the latest contact (a project with no contact
yet comes after, the newest first). A mail
with no known party and no `-p` is refused (capture) or skipped (import).

The same Message-ID is never logged twice: "already logged", nothing written. A whole
import is one write, so one step that `relay undo` takes back.
"""

from __future__ import annotations

import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path

from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain.mail import MailProposal, NotAMail, direction, parse_mail, propose
from relay_tui.errors import InvalidInput, NotFound, RelayError
from relay_tui.i18n import tr, trn
from relay_tui.models import Client, Contact, Project, Stakeholder
from relay_tui.schemas import ContactInput, validate
from relay_tui.services.common import context, get_project, now_utc
from relay_tui.services.contacts import contact_row
from relay_tui.vocab import ProjectStatus

LOGGED = "logged"
ALREADY = "already"


@dataclass(frozen=True)
class MailCaptured:
    """What became of one mail: `status` LOGGED (a new contact) or ALREADY (the contact
    logged earlier from the same Message-ID)."""

    status: str
    contact_id: int
    project: str
    at: datetime
    direction: str
    dated: bool = True


@dataclass
class MailImport:
    """The summary of `relay import mail`."""

    logged: int = 0
    already: int = 0
    skipped: int = 0  # not with a known client
    unreadable: int = 0
    contact_ids: list[int] = field(default_factory=list)


def read_proposal(raw: bytes, now: datetime | None = None) -> MailProposal:
    """One message, as `relay capture --mail` reads it: `InvalidInput` when it is not a
    mail."""
    try:
        return propose(parse_mail(raw), now_utc(now))
    except NotAMail as exc:
        raise InvalidInput(str(exc), "mail") from None


def capture_mail(
    store: Store,
    proposal: MailProposal,
    my_addresses: tuple[str, ...],
    *,
    project: str | None = None,
    awaiting: bool = False,
    now: datetime | None = None,
) -> MailCaptured:
    """Log one mail as a contact (see the module): `NotFound` when no project is given
    and no address is known."""
    with store.write() as session:
        if proposal.message_id:
            found = _logged(session, proposal.message_id)
            if found is not None:
                return found
        if project is not None:
            chosen = get_project(session, project)
        else:
            chosen = _project_of(session, _Parties.read(session), proposal, my_addresses)
            if chosen is None:
                raise NotFound(
                    tr(
                        "no client or key actor has the address {address}; "
                        "say which project with -p",
                        address=(_other_party(proposal, my_addresses) or (proposal.sender,))[0],
                    ),
                    "mail",
                )
        contact = _contact(session, chosen, proposal, my_addresses, awaiting, now)
        session.add(contact)
        session.flush()
        return _captured(contact, chosen.name, LOGGED, proposal.dated)


def import_mails(
    store: Store,
    proposals: list[MailProposal | None],
    my_addresses: tuple[str, ...],
    *,
    now: datetime | None = None,
) -> MailImport:
    """Log every mail with a known party (None in `proposals`: an unreadable message),
    in one write: one step of the undo journal."""
    done = MailImport()
    with store.write() as session:
        parties = _Parties.read(session)
        known = _known_ids(session)
        for proposal in proposals:
            if proposal is None:
                done.unreadable += 1
                continue
            if proposal.message_id and proposal.message_id in known:
                done.already += 1
                continue
            chosen = _project_of(session, parties, proposal, my_addresses)
            if chosen is None:
                done.skipped += 1
                continue
            try:
                contact = _contact(session, chosen, proposal, my_addresses, False, now)
            except RelayError:  # a date out of range, a text refused
                done.unreadable += 1
                continue
            session.add(contact)
            session.flush()
            parties.touched[chosen.id] = max(  # type: ignore[index]
                contact.at,
                parties.touched.get(chosen.id, contact.at),  # type: ignore[arg-type]
            )
            if proposal.message_id:
                known.add(proposal.message_id)
            done.logged += 1
            done.contact_ids.append(contact.id)  # type: ignore[arg-type]
        session.info["journal_summary"] = trn(
            "{n} mail imported", "{n} mails imported", done.logged
        )
    return done


def mailbox_messages(path: Path) -> tuple[int, Iterator[bytes | None]]:
    """The messages of an mbox file or a Maildir folder (which one is told from the
    path: a folder with `cur` and `new` is a Maildir), as bytes (None: one that cannot
    be read), and how many there are."""
    if path.is_dir():
        if not (path / "cur").is_dir() or not (path / "new").is_dir():
            raise InvalidInput(
                tr("{path} is a folder but not a Maildir (no cur and new in it)", path=path),
                "path",
            )
        box: mailbox.Mailbox = mailbox.Maildir(path, factory=None, create=False)
    elif path.is_file():
        with path.open("rb") as stream:
            start = stream.read(5)
        if start and start != b"From ":
            raise InvalidInput(
                tr("{path} is not an mbox file (it does not start with 'From ')", path=path),
                "path",
            )
        box = mailbox.mbox(path, factory=None, create=False)
    else:
        raise NotFound(tr("no file or folder {path}", path=path), "path")
    keys = list(box.iterkeys())

    def read() -> Iterator[bytes | None]:
        for key in keys:
            try:
                yield box.get_bytes(key)
            except (OSError, KeyError, ValueError):
                yield None

    return len(keys), read()


def proposals_of(
    messages: Iterator[bytes | None], now: datetime, on_each: Callable[[], None]
) -> list[MailProposal | None]:
    """Each message read (None: unreadable, or not a mail), `on_each` called after each."""
    found: list[MailProposal | None] = []
    for raw in messages:
        proposal: MailProposal | None = None
        if raw is not None:
            try:
                proposal = propose(parse_mail(raw), now)
            except (NotAMail, ValueError, LookupError, TypeError, IndexError):
                proposal = None
        found.append(proposal)
        on_each()
    return found


# --- the parts --------------------------------------------------------------------------


@dataclass
class _Parties:
    """Who each address is: the projects it stands for, and when each project was last
    in touch (to choose among several)."""

    projects: dict[str, list[tuple[int, str, bool]]]  # address -> (id, name, active)
    touched: dict[int, datetime]
    created: dict[int, datetime]

    @classmethod
    def read(cls, session: Session) -> _Parties:
        rows = session.exec(
            select(Project.id, Project.name, Project.status, Project.created_at, Client.email).join(
                Client, col(Client.id) == col(Project.client_id)
            )
        ).all()
        projects: dict[str, list[tuple[int, str, bool]]] = {}
        created: dict[int, datetime] = {}
        names: dict[int, tuple[str, bool]] = {}
        for pid, name, status, made, email in rows:
            names[pid] = (name, status == ProjectStatus.active)  # type: ignore[index]
            created[pid] = made  # type: ignore[index]
            address = _address(email)
            if address:
                projects.setdefault(address, []).append((pid, *names[pid]))  # type: ignore[arg-type]
        for pid, reach in session.exec(select(Stakeholder.project_id, Stakeholder.reach)).all():
            address = _address(reach)
            if address and pid in names:
                entry = (pid, *names[pid])
                if entry not in projects.setdefault(address, []):
                    projects[address].append(entry)
        latest = session.exec(
            select(Contact.project_id, func.max(Contact.at)).group_by(col(Contact.project_id))
        ).all()
        to_utc = UTCDateTime().process_result_value
        dialect = session.get_bind().dialect
        touched = {pid: to_utc(at, dialect) for pid, at in latest if at is not None}
        return cls(projects, touched, created)  # type: ignore[arg-type]


def _address(text: str | None) -> str:
    if not text or "@" not in text:
        return ""
    address = parseaddr(text)[1].strip().lower()
    return address if "@" in address else ""


def _other_party(proposal: MailProposal, my_addresses: tuple[str, ...]) -> tuple[str, ...]:
    if direction(proposal.sender, my_addresses) == "out":
        return tuple(a for a in proposal.recipients if a not in my_addresses)
    return (proposal.sender,)


def _project_of(
    session: Session, parties: _Parties, proposal: MailProposal, my_addresses: tuple[str, ...]
) -> Project | None:
    candidates: list[tuple[int, str, bool]] = []
    for address in _other_party(proposal, my_addresses):
        candidates.extend(c for c in parties.projects.get(address, []) if c not in candidates)
    if not candidates:
        return None

    def rank(entry: tuple[int, str, bool]) -> tuple[bool, bool, datetime, int]:
        pid, _, active = entry
        last = parties.touched.get(pid)
        return (active, last is not None, last or parties.created[pid], pid)

    return session.get(Project, max(candidates, key=rank)[0])


def _logged(session: Session, message_id: str) -> MailCaptured | None:
    row = session.exec(
        select(Contact, Project.name)
        .join(Project, col(Project.id) == col(Contact.project_id))
        .where(Contact.message_id == message_id)
    ).first()
    if row is None:
        return None
    contact, name = row
    return _captured(contact, name, ALREADY)


def _known_ids(session: Session) -> set[str]:
    rows = session.exec(select(Contact.message_id).where(col(Contact.message_id).is_not(None)))
    return {mid for mid in rows.all() if mid}


def _contact(
    session: Session,
    project: Project,
    proposal: MailProposal,
    my_addresses: tuple[str, ...],
    awaiting: bool,
    now: datetime | None,
) -> Contact:
    way = direction(proposal.sender, my_addresses)
    clean = validate(
        ContactInput,
        {
            "project_id": project.id,
            "summary": proposal.summary,
            "channel": "email",
            "direction": way,
            "awaiting_reply": awaiting and way == "out",
            "at": proposal.at,
        },
        context(now),
    )
    return contact_row(project.id, clean, now, proposal.message_id)  # type: ignore[arg-type]


def _captured(contact: Contact, project: str, status: str, dated: bool = True) -> MailCaptured:
    return MailCaptured(
        status=status,
        contact_id=contact.id,  # type: ignore[arg-type]
        project=project,
        at=contact.at,
        direction=str(contact.direction),
        dated=dated,
    )

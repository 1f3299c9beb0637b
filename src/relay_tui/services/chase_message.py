"""The chase message of a project, written in its client's language (`relay chase
--message`, and `h` in the app before the chase is logged)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relay_tui.db import Store
from relay_tui.domain import chase_message as message
from relay_tui.domain.chase import Closed, ContactFact, oldest_request
from relay_tui.i18n import speaking
from relay_tui.models import Client, CraftCard
from relay_tui.services.common import get_project
from relay_tui.services.contacts import contacts_page
from relay_tui.services.deadlines import deadlines
from relay_tui.services.validations import validations


@dataclass(frozen=True)
class ChaseMessageView:
    project_id: int
    project: str
    client: str
    email: str | None  # the client's address, for a mail
    subject: str
    body: str
    awaited: int  # how many things it asks for (0: a "any news?" message)

    @property
    def text(self) -> str:
        """The subject line, a blank line, then the body."""
        return f"{self.subject}\n\n{self.body}"

    @property
    def mailto(self) -> str:
        return message.mailto(self.email, self.subject, self.body)


def chase_message(
    store: Store, project: int | str | None, today: date, closed: Closed | None = None
) -> ChaseMessageView:
    """The chase message of `project` as of `today`, in its client's language (none:
    the user's); `closed`: the days the working-day count skips (weekends by default)."""
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        card = session.get(CraftCard, 1)
        client_name = client.name if client else ""
        email = client.email if client else None
        language = client.language if client else None
        signature = card.name if card else ""
    assert found.id is not None
    bells = [
        message.Bell(
            d.id,
            d.title,
            d.owner,
            d.due_on,
            d.done_on,
            d.after_id,
            d.status,
            d.slip.projected_on if d.slip else None,
        )
        for d in deadlines(store, found.id, today)
    ]
    waiting = [
        message.Sent(v.deliverable, v.requested_on)
        for v in validations(store, found.id)
        if v.validated_on is None
    ]
    awaiting = contacts_page(store, found.id, awaiting_only=True, limit=50)
    # The oldest request still unanswered (the later ones, chases or not, follow it up).
    oldest = oldest_request(
        [ContactFact(c.id, c.at, "out", True, c.summary, c.is_chase) for c in awaiting]
    )
    replies = [message.Sent(oldest.summary, oldest.at.astimezone().date())] if oldest else []
    facts = message.ChaseFacts(
        project=found.name,
        client=client_name,
        today=today,
        bells=bells,
        validations=waiting,
        replies=replies,
        signature=signature,
    )
    with speaking(language):
        written = message.chase_message(facts, closed)
    return ChaseMessageView(
        found.id,
        found.name,
        client_name,
        email or None,
        written.subject,
        written.body,
        written.awaited,
    )

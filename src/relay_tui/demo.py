"""A realistic sample store for `relay --demo`, dated relative to today.

Six projects across the phases: a late client validation that pushes a delivery, contacts
awaiting a reply, a handful of risks, time logged past its budget on one project, and a
finished retrospective with lessons. Built through the services where they exist.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.models import (
    Commitment,
    Deadline,
    Handover,
    Lesson,
    Profile,
    Project,
    Retrospective,
    Stakeholder,
    TimeEntry,
    Validation,
)
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.risks import add_risk
from relay_tui.vocab import CommitmentStatus, Party, Phase, ProjectStatus


def seed_demo(store: Store, now: datetime | None = None) -> None:
    """Fill an empty store with the sample data (not journaled: nothing to undo)."""
    journaling, store.journaling = store.journaling, False
    try:
        _seed(store, (now or datetime.now(UTC)).astimezone(UTC))
    finally:
        store.journaling = journaling


def _seed(store: Store, now: datetime) -> None:
    today = now.astimezone().date()

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    def at(days_ago: int, hour: int = 10) -> datetime:
        local = datetime.combine(today - timedelta(days=days_ago), time(hour, 0)).astimezone()
        return min(local.astimezone(UTC), now)

    for name, org, email, phone, channel in (
        (
            "Marie Lambert",
            "Boulangerie Lambert",
            "marie@lambert.example",
            "+33 6 12 34 56 78",
            "phone",
        ),
        ("Karim Haddad", "Atelier Nord", "karim@ateliernord.example", "", "email"),
        ("Sofia Rossi", "Rossi & Figli", "sofia@rossi.example", "+39 333 123 4567", "meeting"),
        ("Tom Becker", "Becker Events", "tom@becker.example", "+49 151 2345678", "chat"),
        ("Léa Martin", "", "lea@martin.example", "", "email"),
    ):
        add_client(
            store,
            {"name": name, "organisation": org, "email": email, "phone": phone, "channel": channel},
        )

    def project(name: str, client: str, **extra: object) -> int:
        created = add_project(store, {"name": name, "client": client, **extra}, now=now)
        assert created.id is not None
        return created.id

    bakery = project(
        "Bakery website",
        "Marie",
        kind="corporate",
        start_on=day(-40),
        delivery_on=day(12),
        budget_minutes=40 * 60,
        client_accountable=True,
        partial_delivery_ok=True,
    )
    festival = project(
        "Festival poster series",
        "Tom",
        kind="artistic",
        start_on=day(-20),
        delivery_on=day(9),
        budget_minutes=25 * 60,
        event_bound=True,
        partial_delivery_ok=False,
    )
    catalogue = project(
        "Atelier Nord catalogue",
        "Karim",
        kind="corporate",
        start_on=day(10),
        delivery_on=day(60),
        budget_minutes=60 * 60,
    )
    wedding = project(
        "Wedding site for Léa", "Léa", kind="friends", start_on=day(5), delivery_on=day(30)
    )
    shop = project(
        "Rossi online shop",
        "Sofia",
        kind="corporate",
        start_on=day(-120),
        delivery_on=day(-10),
        budget_minutes=80 * 60,
        client_accountable=True,
    )
    intranet = project(
        "Rossi intranet",
        "Sofia",
        kind="corporate",
        start_on=day(-60),
        delivery_on=day(20),
        budget_minutes=50 * 60,
    )

    # Phases, contracts and frames.
    with store.write() as session:
        for pid, phase, signed in (
            (bakery, Phase.during, day(-38)),
            (festival, Phase.during, day(-19)),
            (catalogue, Phase.before, None),
            (wedding, Phase.before, None),
            (shop, Phase.after, day(-118)),
            (intranet, Phase.during, day(-55)),
        ):
            row = session.get(Project, pid)
            assert row is not None
            row.phase = phase
            row.contract_signed_on = datetime.fromisoformat(signed).date() if signed else None
            row.working_method = "Short cycles, a demo at the end of each"
            row.cycle_days = 14
            session.add(row)
        shop_row = session.get(Project, shop)
        assert shop_row is not None
        shop_row.status = ProjectStatus.closed
        shop_row.closed_at = now - timedelta(days=5)
        session.add(shop_row)

    # Bakery: the client's validation of the mock-ups is late and pushes the delivery.
    mockups = add_deadline(
        store,
        {
            "project": bakery,
            "title": "Mock-ups validated by Marie",
            "kind": "validation",
            "due_on": day(-6),
            "margin_days": 2,
        },
        now=now,
    )
    add_deadline(
        store,
        {
            "project": bakery,
            "title": "Photos and texts from Marie",
            "kind": "documents",
            "due_on": day(-15),
            "margin_days": 3,
        },
        now=now,
    )
    build = add_deadline(
        store,
        {
            "project": bakery,
            "title": "Build the pages",
            "kind": "checkpoint",
            "due_on": day(4),
            "margin_days": 2,
            "after_id": mockups.id,
        },
        now=now,
    )
    add_deadline(
        store,
        {
            "project": bakery,
            "title": "Go live",
            "kind": "delivery",
            "due_on": day(12),
            "margin_days": 3,
            "after_id": build.id,
        },
        now=now,
    )
    # Festival: tight, event-bound.
    add_deadline(
        store,
        {
            "project": festival,
            "title": "Line-up and logos from Tom",
            "kind": "documents",
            "due_on": day(1),
            "margin_days": 2,
        },
        now=now,
    )
    add_deadline(
        store,
        {
            "project": festival,
            "title": "Posters to the printer",
            "kind": "delivery",
            "due_on": day(9),
            "margin_days": 3,
        },
        now=now,
    )
    # Intranet: calm.
    add_deadline(
        store,
        {
            "project": intranet,
            "title": "Sprint 3 demo",
            "kind": "checkpoint",
            "due_on": day(6),
            "margin_days": 1,
        },
        now=now,
    )
    add_deadline(
        store,
        {
            "project": intranet,
            "title": "Access rights validated",
            "kind": "validation",
            "due_on": day(13),
            "margin_days": 2,
        },
        now=now,
    )
    # Catalogue: framing.
    add_deadline(
        store,
        {
            "project": catalogue,
            "title": "Kick-off meeting",
            "kind": "checkpoint",
            "due_on": day(10),
            "margin_days": 1,
        },
        now=now,
    )
    add_deadline(
        store,
        {
            "project": catalogue,
            "title": "Catalogue delivered",
            "kind": "delivery",
            "due_on": day(60),
            "margin_days": 5,
        },
        now=now,
    )
    with store.write() as session:
        for deadline in session.exec(
            select(Deadline).where(Deadline.project_id == bakery, Deadline.kind == "documents")
        ):
            deadline.done_on = today - timedelta(days=13)

    # Contacts.
    for pid, text, channel, direction, awaiting, ago in (
        (
            bakery,
            "Kick-off at the bakery; Marie wants online orders later",
            "meeting",
            "out",
            False,
            38,
        ),
        (bakery, "Sent the mock-ups for validation", "email", "out", True, 9),
        (bakery, "Reminder: mock-ups still waiting for your go", "email", "out", True, 4),
        (festival, "Tom called: the festival date is fixed, no slack", "phone", "in", False, 18),
        (festival, "Asked for the final line-up and sponsor logos", "chat", "out", True, 3),
        (intranet, "Sprint 2 demo went well; rights model to confirm", "meeting", "out", False, 8),
        (intranet, "Sofia confirmed the rights model by email", "email", "in", False, 6),
        (catalogue, "First call: 120 products, print and web versions", "phone", "in", False, 2),
        (wedding, "Léa sent her favourite templates", "email", "in", False, 1),
        (shop, "Shop delivered; Sofia very happy with the checkout", "meeting", "out", False, 12),
    ):
        capture(
            store,
            {
                "project": pid,
                "summary": text,
                "channel": channel,
                "direction": direction,
                "awaiting_reply": awaiting,
                "at": at(ago),
            },
            now=now,
        )

    # Risks.
    add_risk(
        store,
        {
            "project": bakery,
            "title": "Marie validates late and the launch slips",
            "probability": 4,
            "impact": 4,
            "category": "schedule",
            "mitigation": "Agree a 48 h validation delay; chase after two days",
            "review_on": day(3),
        },
        now=now,
    )
    add_risk(
        store,
        {
            "project": festival,
            "title": "Printer capacity in festival week",
            "probability": 2,
            "impact": 5,
            "category": "event_deadline",
            "mitigation": "Book the printer slot now",
        },
        now=now,
    )
    add_risk(
        store,
        {
            "project": intranet,
            "title": "SSO integration harder than planned",
            "probability": 3,
            "impact": 4,
            "category": "technical",
        },
        now=now,
    )
    add_risk(
        store,
        {
            "project": catalogue,
            "title": "Product data arrives incomplete",
            "probability": 4,
            "impact": 3,
            "category": "scope",
        },
        now=now,
    )

    # Time: the festival project is past its budget; some rework on the bakery.
    entries = [
        *((festival, offset, 150, "work") for offset in range(1, 19)),
        (festival, 2, 90, "rework"),
        *((bakery, offset, 120, "work") for offset in range(3, 40, 3)),
        (bakery, 5, 60, "rework"),
        (bakery, 9, 45, "meetings"),
        *((intranet, offset, 180, "work") for offset in range(2, 50, 4)),
        *((shop, offset, 240, "work") for offset in range(15, 115, 5)),
    ]
    with store.write() as session:
        for pid, ago, minutes, category in entries:
            session.add(
                TimeEntry(
                    project_id=pid,
                    spent_on=today - timedelta(days=ago),
                    minutes=minutes,
                    category=category,
                )
            )  # type: ignore[arg-type]

        # Validations: one locked, one waiting on the bakery.
        session.add(
            Validation(
                project_id=bakery,
                deliverable="Site map",
                requested_on=today - timedelta(days=30),
                validated_on=today - timedelta(days=27),
                validated_by="Marie Lambert",
            )
        )
        session.add(
            Validation(
                project_id=bakery,
                deliverable="Home page mock-up",
                requested_on=today - timedelta(days=9),
            )
        )
        session.add(
            Validation(
                project_id=shop,
                deliverable="Checkout flow",
                requested_on=today - timedelta(days=40),
                validated_on=today - timedelta(days=36),
                validated_by="Sofia Rossi",
            )
        )

        # Key actors.
        for pid, name, role, influence, interest in (
            (bakery, "Marie Lambert", "client", 5, 5),
            (bakery, "Paul Lambert (co-owner)", "hierarchy", 4, 2),
            (bakery, "Regular customers", "end_users", 2, 4),
            (festival, "Tom Becker", "client", 4, 5),
            (festival, "City council", "political", 5, 2),
        ):
            session.add(
                Stakeholder(
                    project_id=pid,
                    name=name,
                    role=role,  # type: ignore[arg-type]
                    influence=influence,
                    interest=interest,
                )
            )

        # Profiles: mine (default) and the bakery's client.
        session.add(
            Profile(
                project_id=None,
                party=Party.provider,
                structure=2,
                precision=4,
                energy=4,
                scope=4,
                channel="email",
            )
        )  # type: ignore[arg-type]
        session.add(
            Profile(
                project_id=bakery,
                party=Party.client,
                structure=5,
                precision=2,
                energy=2,
                scope=2,
                channel="phone",
                experience=1,
                feedback=2,
                temper=3,
            )
        )  # type: ignore[arg-type]

        # Commitments on the finished shop were mostly kept; one broken.
        for commitment in session.exec(select(Commitment).where(Commitment.project_id == shop)):
            commitment.status = CommitmentStatus.kept
        broken = session.exec(
            select(Commitment)
            .where(Commitment.project_id == shop, Commitment.party == Party.client)
            .order_by(col(Commitment.position))
            .offset(2)
        ).first()
        if broken is not None:
            broken.status = CommitmentStatus.broken
            broken.note = "Product photos arrived three weeks late"

        # The shop was closed properly: every box of the handover ticked.
        session.add(
            Handover(
                project_id=shop,
                access_handed_over=True,
                invoice_sent_on=today - timedelta(days=6),
                client_thanked=True,
            )
        )

        # The finished retrospective of the shop, with its lessons.
        session.add(
            Retrospective(
                project_id=shop,
                step=6,  # the last step, as finish_retro leaves it
                worked="Weekly demos kept Sofia confident",
                not_worked="Product photos came late and we absorbed the delay silently",
                improve="Put the documents deadline in the contract with its consequence",
                satisfaction=4,
                completed_at=now - timedelta(days=4),
            )
        )
        for text, tags in (
            ("Write the consequence of late documents into the contract", "contract,documents"),
            ("Show a demo every week: it replaces many status emails", "communication"),
            ("Ask who validates above the client before starting", "validation,hierarchy"),
        ):
            session.add(Lesson(project_id=shop, text=text, tags=tags))

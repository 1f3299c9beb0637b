"""A realistic sample store for `relay --demo`, dated relative to today.

Six projects across the phases: a late client validation that pushes a delivery, contacts
awaiting a reply, a handful of risks, time logged past its budget on one project, and a
finished retrospective with lessons. Built through the services where they exist.

The structure (dates, numbers, kinds, who is late) is written once, here; the words are
data in the app's language at seeding time: `EN` below, `relay_tui.demo_fr.FR` when relay
speaks French (the same keys and the same lengths: a test holds them equal).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.demo_method import seed_method
from relay_tui.i18n import language
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

#: The sample's words in English; `demo_fr.FR` has the same keys, in the same order.
EN: dict[str, Any] = {
    # name, organisation, e-mail, phone (the channel is the structure's)
    "clients": (
        ("Marie Lambert", "Boulangerie Lambert", "marie@lambert.example", "+33 6 12 34 56 78"),
        ("Karim Haddad", "Atelier Nord", "karim@ateliernord.example", ""),
        ("Sofia Rossi", "Rossi & Figli", "sofia@rossi.example", "+39 333 123 4567"),
        ("Tom Becker", "Becker Events", "tom@becker.example", "+49 151 2345678"),
        ("Léa Martin", "", "lea@martin.example", ""),
    ),
    "projects": {
        "bakery": "Bakery website",
        "festival": "Festival poster series",
        "catalogue": "Atelier Nord catalogue",
        "wedding": "Wedding site for Léa",
        "shop": "Rossi online shop",
        "intranet": "Rossi intranet",
    },
    "working_method": "Short cycles, a demo at the end of each",
    "deadlines": (
        "Mock-ups validated by Marie",
        "Photos and texts from Marie",
        "Build the pages",
        "Go live",
        "Line-up and logos from Tom",
        "Posters to the printer",
        "Sprint 3 demo",
        "Access rights validated",
        "Kick-off meeting",
        "Catalogue delivered",
    ),
    "contacts": (
        "Kick-off at the bakery; Marie wants online orders later",
        "Sent the mock-ups for validation",
        "Reminder: mock-ups still waiting for your go",
        "Tom called: the festival date is fixed, no slack",
        "Asked for the final line-up and sponsor logos",
        "Sprint 2 demo went well; rights model to confirm",
        "Sofia confirmed the rights model by email",
        "First call: 120 products, print and web versions",
        "Léa sent her favourite templates",
        "Shop delivered; Sofia very happy with the checkout",
    ),
    # title, mitigation
    "risks": (
        (
            "Marie validates late and the launch slips",
            "Agree a 48 h validation delay; chase after two days",
        ),
        ("Printer capacity in festival week", "Book the printer slot now"),
        ("SSO integration harder than planned", ""),
        ("Product data arrives incomplete", ""),
    ),
    "validations": ("Site map", "Home page mock-up", "Checkout flow"),
    "stakeholders": (
        "Marie Lambert",
        "Paul Lambert (co-owner)",
        "Regular customers",
        "Tom Becker",
        "City council",
    ),
    "broken_commitment": "Product photos arrived three weeks late",
    # what worked, what did not, what to improve
    "retrospective": (
        "Weekly demos kept Sofia confident",
        "Product photos came late and we absorbed the delay silently",
        "Put the documents deadline in the contract with its consequence",
    ),
    "lessons": (
        ("Write the consequence of late documents into the contract", "contract,documents"),
        ("Show a demo every week: it replaces many status emails", "communication"),
        ("Ask who validates above the client before starting", "validation,hierarchy"),
    ),
    # title, facts, what the contract says, for the client, for me, what I propose, next step
    "incidents": (
        (
            "Printer slot lost; Tom says the delay is mine",
            "The line-up and logos came three days after the agreed date; the printer "
            "gave our slot away. Tom told the team the posters are late because of me.",
            "The line-up and logos were due from Tom on a fixed date (contract, article 3).",
            "The posters reach the printer two days later, still a week before the festival.",
            "Two evenings to catch up; no margin left before printing.",
            "Print the two main posters now and the third on Monday.",
            "Confirm the new printer slot with Tom in writing",
        ),
        (
            "Test server for the single sign-on is down",
            "Rossi's test server for the single sign-on has been down since Thursday.",
            "",
            "The sign-in cannot be shown at the sprint 3 demo.",
            "Half a day lost; the sign-on work waits for the server.",
            "Show the demo with test accounts and move the sign-on to the next sprint.",
            "Tell Sofia and agree on the new plan",
        ),
    ),
    # what I did in the period (my own words), the report as it was sent
    "reports": (
        (
            "I finished the site map and the home page mock-up and prepared the pages "
            "for the build.",
            "# Bakery website: where we stand\n\nThe site map is validated; the home page "
            "mock-up waits for your go.\n",
        ),
        (
            "I built the rights model Sofia confirmed and showed it at the sprint 2 demo.",
            "# Rossi intranet: where we stand\n\nSprint 2 is done and demonstrated; sprint 3 "
            "brings the sign-in.\n",
        ),
    ),
}

#: Each client's usual channel, in the order of the texts' `clients`.
CLIENT_CHANNELS = ("phone", "email", "meeting", "chat", "email")
#: The projects: key, client (index in `clients`), fields; in the texts' `projects` order.
PROJECTS: tuple[tuple[str, int, dict[str, Any]], ...] = (
    ("bakery", 0, {"kind": "corporate", "start_on": -40, "delivery_on": 12, "budget": 40,
                   "client_accountable": True, "partial_delivery_ok": True}),
    ("festival", 3, {"kind": "artistic", "start_on": -20, "delivery_on": 9, "budget": 25,
                     "event_bound": True, "partial_delivery_ok": False}),
    ("catalogue", 1, {"kind": "corporate", "start_on": 10, "delivery_on": 60, "budget": 60}),
    ("wedding", 4, {"kind": "friends", "start_on": 5, "delivery_on": 30}),
    ("shop", 2, {"kind": "corporate", "start_on": -120, "delivery_on": -10, "budget": 80,
                 "client_accountable": True}),
    ("intranet", 2, {"kind": "corporate", "start_on": -60, "delivery_on": 20, "budget": 50}),
)  # fmt: skip
#: Phase and contract signature (days from today) of each project.
PHASES = (
    ("bakery", Phase.during, -38),
    ("festival", Phase.during, -19),
    ("catalogue", Phase.before, None),
    ("wedding", Phase.before, None),
    ("shop", Phase.after, -118),
    ("intranet", Phase.during, -55),
)
#: Deadlines, in the texts' `deadlines` order: project, kind, due (days), margin, after
#: (the index of the deadline it follows). The bakery's mock-ups are late and push it.
DEADLINES = (
    ("bakery", "validation", -6, 2, None),
    ("bakery", "documents", -15, 3, None),
    ("bakery", "checkpoint", 4, 2, 0),
    ("bakery", "delivery", 12, 3, 2),
    ("festival", "documents", 1, 2, None),
    ("festival", "delivery", 9, 3, None),
    ("intranet", "checkpoint", 6, 1, None),
    ("intranet", "validation", 13, 2, None),
    ("catalogue", "checkpoint", 10, 1, None),
    ("catalogue", "delivery", 60, 5, None),
)
#: Contacts, in the texts' `contacts` order: project, channel, direction, awaiting, days ago.
CONTACTS = (
    ("bakery", "meeting", "out", False, 38),
    ("bakery", "email", "out", True, 9),
    ("bakery", "email", "out", True, 4),
    ("festival", "phone", "in", False, 18),
    ("festival", "chat", "out", True, 3),
    ("intranet", "meeting", "out", False, 8),
    ("intranet", "email", "in", False, 6),
    ("catalogue", "phone", "in", False, 2),
    ("wedding", "email", "in", False, 1),
    ("shop", "meeting", "out", False, 12),
)
#: Risks, in the texts' `risks` order: project, probability, impact, category, review.
RISKS = (
    ("bakery", 4, 4, "schedule", 3),
    ("festival", 2, 5, "event_deadline", None),
    ("intranet", 3, 4, "technical", None),
    ("catalogue", 4, 3, "scope", None),
)
#: Validations, in the texts' order: project, requested, validated (days ago), by (client).
VALIDATIONS = (("bakery", 30, 27, 0), ("bakery", 9, None, None), ("shop", 40, 36, 2))
#: Key actors, in the texts' order: project, role, influence, interest.
STAKEHOLDERS = (
    ("bakery", "client", 5, 5),
    ("bakery", "hierarchy", 4, 2),
    ("bakery", "end_users", 2, 4),
    ("festival", "client", 4, 5),
    ("festival", "political", 5, 2),
)


def texts() -> dict[str, Any]:
    """The sample's words in the language relay speaks now."""
    if language() == "fr":
        from relay_tui.demo_fr import FR

        return FR
    return EN


def seed_demo(store: Store, now: datetime | None = None) -> None:
    """Fill an empty store with the sample data (not journaled: nothing to undo), in the
    language relay speaks."""
    journaling, store.journaling = store.journaling, False
    try:
        _seed(store, (now or datetime.now(UTC)).astimezone(UTC), texts())
    finally:
        store.journaling = journaling


def _seed(store: Store, now: datetime, words: dict[str, Any]) -> None:
    today = now.astimezone().date()

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    def at(days_ago: int, hour: int = 10) -> datetime:
        local = datetime.combine(today - timedelta(days=days_ago), time(hour, 0)).astimezone()
        return min(local.astimezone(UTC), now)

    clients = words["clients"]
    for (name, org, email, phone), channel in zip(clients, CLIENT_CHANNELS, strict=True):
        add_client(
            store,
            {"name": name, "organisation": org, "email": email, "phone": phone, "channel": channel},
        )

    ids: dict[str, int] = {}
    for key, client, fields in PROJECTS:
        extra = dict(fields)
        for name in ("start_on", "delivery_on"):
            extra[name] = day(extra[name])
        if "budget" in extra:
            extra["budget_minutes"] = extra.pop("budget") * 60
        created = add_project(
            store,
            {"name": words["projects"][key], "client": clients[client][0], **extra},
            now=now,
        )
        assert created.id is not None
        ids[key] = created.id

    # Phases, contracts and frames.
    with store.write() as session:
        for key, phase, signed in PHASES:
            row = session.get(Project, ids[key])
            assert row is not None
            row.phase = phase
            row.contract_signed_on = None if signed is None else today + timedelta(days=signed)
            row.working_method = words["working_method"]
            row.cycle_days = 14
            session.add(row)
        shop_row = session.get(Project, ids["shop"])
        assert shop_row is not None
        shop_row.status = ProjectStatus.closed
        shop_row.closed_at = now - timedelta(days=5)
        session.add(shop_row)

    # Deadlines: the bakery's validation is late and pushes its delivery; the festival is
    # tight and event-bound; the intranet calm; the catalogue being framed.
    made: list[int | None] = []
    for title, (key, kind, due, margin, after) in zip(words["deadlines"], DEADLINES, strict=True):
        fields = {"project": ids[key], "title": title, "kind": kind, "due_on": day(due)}
        fields["margin_days"] = margin
        if after is not None:
            fields["after_id"] = made[after]
        made.append(add_deadline(store, fields, now=now).id)
    with store.write() as session:
        for deadline in session.exec(
            select(Deadline).where(
                Deadline.project_id == ids["bakery"], Deadline.kind == "documents"
            )
        ):
            deadline.done_on = today - timedelta(days=13)

    # Contacts.
    for text, (key, channel, direction, awaiting, ago) in zip(
        words["contacts"], CONTACTS, strict=True
    ):
        capture(
            store,
            {
                "project": ids[key],
                "summary": text,
                "channel": channel,
                "direction": direction,
                "awaiting_reply": awaiting,
                "at": at(ago),
            },
            now=now,
        )

    # Risks.
    for (title, mitigation), (key, probability, impact, category, review) in zip(
        words["risks"], RISKS, strict=True
    ):
        risk: dict[str, Any] = {"project": ids[key], "title": title, "category": category}
        risk.update(probability=probability, impact=impact)
        if mitigation:
            risk["mitigation"] = mitigation
        if review is not None:
            risk["review_on"] = day(review)
        add_risk(store, risk, now=now)

    _seed_records(store, now, words, ids)
    seed_method(store, now, today, words, ids)


def _seed_records(store: Store, now: datetime, words: dict[str, Any], ids: dict[str, int]) -> None:
    """Time, validations, key actors, profiles, commitments, the handover and the shop's
    retrospective: written directly."""
    today = now.astimezone().date()
    bakery, festival, intranet, shop = ids["bakery"], ids["festival"], ids["intranet"], ids["shop"]
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
        for deliverable, (key, asked, validated, by) in zip(
            words["validations"], VALIDATIONS, strict=True
        ):
            session.add(
                Validation(
                    project_id=ids[key],
                    deliverable=deliverable,
                    requested_on=today - timedelta(days=asked),
                    validated_on=None if validated is None else today - timedelta(days=validated),
                    validated_by="" if by is None else words["clients"][by][0],
                )
            )

        # Key actors.
        for name, (key, role, influence, interest) in zip(
            words["stakeholders"], STAKEHOLDERS, strict=True
        ):
            session.add(
                Stakeholder(
                    project_id=ids[key],
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
            broken.note = words["broken_commitment"]

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
        worked, not_worked, improve = words["retrospective"]
        session.add(
            Retrospective(
                project_id=shop,
                step=6,  # the last step, as finish_retro leaves it
                worked=worked,
                not_worked=not_worked,
                improve=improve,
                satisfaction=4,
                completed_at=now - timedelta(days=4),
            )
        )
        for text, tags in words["lessons"]:
            session.add(Lesson(project_id=shop, text=text, tags=tags))

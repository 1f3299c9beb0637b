"""The forms of the before phase, as data for `FormModal`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relay_tui.domain.compatibility import AXES, CLIENT_TRAITS, ProfileValues
from relay_tui.domain.parsing import format_duration
from relay_tui.models import Commitment, CraftCard, Project, Risk, SelfAssessment, Stakeholder
from relay_tui.screens.form import FormField, FormModal, version_of
from relay_tui.vocab import RISK_CATEGORY_LABELS, ROLE_LABELS, Channel

if TYPE_CHECKING:
    from relay_tui.app import RelayApp

UNKNOWN = ("Not answered", "unknown")
YES_NO = [UNKNOWN, ("Yes", "yes"), ("No", "no")]
SCALE = [("?", "")] + [(str(n), str(n)) for n in range(1, 6)]


def _yn(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _checker(
    model: Any, app: RelayApp, extra: dict[str, Any] | None = None
) -> Callable[[dict[str, Any]], dict[str, str]]:
    from relay_tui.schemas import field_errors

    def check(data: dict[str, Any]) -> dict[str, str]:
        return field_errors(model, {**data, **(extra or {})}, {"now": app.now()})

    return check


def assessment_form(app: RelayApp, project_id: int, row: SelfAssessment | None) -> FormModal:
    from relay_tui.schemas import AssessmentInput
    from relay_tui.services.profiles import save_assessment

    fields = [
        FormField(
            "reward",
            "What reward do I look for?",
            "select",
            [
                UNKNOWN,
                ("Financial", "financial"),
                ("Intellectual", "intellectual"),
                ("Both", "both"),
            ],
            value=_str(row.reward) if row else "",
        ),
        FormField(
            "paid", "Am I paid for it?", "select", YES_NO, value=_yn(row.paid if row else None)
        ),
        FormField(
            "stance",
            "Do I act as a supplier or as a partner?",
            "select",
            [UNKNOWN, ("Supplier", "supplier"), ("Partner", "partner")],
            value=_str(row.stance) if row else "",
        ),
        FormField(
            "balance",
            "Am I ready to make sacrifices, or do I keep my balance?",
            "select",
            [UNKNOWN, ("Ready to make sacrifices", "sacrifice"), ("Keep my balance", "balance")],
            value=_str(row.balance) if row else "",
        ),
        FormField(
            "ready_for_failure",
            "Am I ready to face a failure?",
            "select",
            YES_NO,
            value=_yn(row.ready_for_failure if row else None),
        ),
        FormField("notes", "Notes", "area", value=row.notes if row else ""),
    ]
    return FormModal(
        "Why am I taking this project?",
        fields,
        check=_checker(AssessmentInput, app),
        submit=lambda data: save_assessment(app.store, project_id, {**data, **version_of(row)}),
        intro="Answer for yourself; relay shows it again in the retrospective.",
    )


def profile_form(
    app: RelayApp, project_id: int | None, party: str, values: ProfileValues
) -> FormModal:
    from relay_tui.schemas import ProfileInput
    from relay_tui.services.profiles import save_profile

    fields = [
        FormField(
            name,
            f"{low.capitalize()} (1) … {high} (5)",
            "select",
            SCALE,
            value=_str(getattr(values, name)),
        )
        for name, low, high in AXES
    ]
    fields.append(
        FormField(
            "channel",
            "Preferred channel",
            "select",
            [UNKNOWN, *((c.value, c.value) for c in Channel)],
            value=values.channel or "unknown",
        )
    )
    if party == "client":
        fields += [
            FormField(
                name,
                f"{low.capitalize()} (1) … {high} (5)",
                "select",
                SCALE,
                value=_str(getattr(values, name)),
            )
            for name, low, high in CLIENT_TRAITS
        ]
    if party == "client":
        title = "The client's profile"
        intro = "Leave a line on ? when you do not know yet: the answer will be partial."
    elif project_id is None:
        title = "My profile (default for every project)"
        intro = "Used by every project that does not override it."
    else:
        title = "My profile for this project"
        intro = "Overrides your default profile for this project only."
    return FormModal(
        title,
        fields,
        check=_checker(ProfileInput, app),
        submit=lambda data: save_profile(app.store, project_id, party, data),
        intro=intro,
    )


def stakeholder_form(app: RelayApp, project_id: int, row: Stakeholder | None) -> FormModal:
    from relay_tui.schemas import StakeholderInput
    from relay_tui.services.actors import save_stakeholder

    fields = [
        FormField("name", "Name", value=row.name if row else "", placeholder="e.g. Paul"),
        FormField(
            "role",
            "Role",
            "select",
            list((v, k) for k, v in ROLE_LABELS.items()),
            value=_str(row.role) if row else "other",
        ),
        FormField(
            "influence",
            "Influence on the project, 1 (none) to 5 (decides)",
            "select",
            SCALE[1:],
            value=str(row.influence) if row else "3",
        ),
        FormField(
            "interest",
            "Interest in the project, 1 (none) to 5 (very high)",
            "select",
            SCALE[1:],
            value=str(row.interest) if row else "3",
        ),
        FormField(
            "reach",
            "How to reach them",
            value=row.reach if row else "",
            placeholder="email, phone, through whom…",
        ),
        FormField("notes", "Notes", "area", value=row.notes if row else ""),
    ]
    return FormModal(
        "Key actor" if row else "New key actor",
        fields,
        check=_checker(StakeholderInput, app),
        submit=lambda data: save_stakeholder(
            app.store, project_id, {**data, **version_of(row)}, row.id if row else None
        ),
    )


def commitment_form(app: RelayApp, project_id: int, row: Commitment | None) -> FormModal:
    from relay_tui.schemas import CommitmentInput
    from relay_tui.services.commitments import save_commitment

    fields = [
        FormField(
            "party",
            "Who commits",
            "select",
            [("The client", "client"), ("Me (the provider)", "provider")],
            value=_str(row.party) if row else "provider",
        ),
        FormField("text", "Commitment", "area", value=row.text if row else ""),
        FormField(
            "status",
            "Status",
            "select",
            [(s.capitalize(), s) for s in ("pending", "kept", "broken", "waived")],
            value=_str(row.status) if row else "pending",
        ),
        FormField(
            "due_on",
            "Due (optional)",
            value=_str(row.due_on) if row else "",
            placeholder="2026-12-01, +2w",
        ),
        FormField("note", "Note", "area", value=row.note if row else ""),
    ]
    return FormModal(
        "Commitment" if row else "New commitment",
        fields,
        check=_checker(CommitmentInput, app),
        submit=lambda data: save_commitment(
            app.store,
            project_id,
            {**data, **version_of(row)},
            row.id if row else None,
            now=app.now(),
        ),
    )


def risk_form(app: RelayApp, project_id: int, row: Risk | None) -> FormModal:
    from relay_tui.schemas import RiskInput, RiskUpdateInput, field_errors
    from relay_tui.services.risks import add_risk, update_risk

    fields = [
        FormField(
            "title", "Risk", value=row.title if row else "", placeholder="What could go wrong?"
        ),
        FormField(
            "category",
            "Category",
            "select",
            [(v, k) for k, v in RISK_CATEGORY_LABELS.items()],
            value=_str(row.category) if row else "other",
        ),
        FormField(
            "probability",
            "Probability, 1 (rare) to 5 (almost certain)",
            "select",
            SCALE[1:],
            value=str(row.probability) if row else "3",
        ),
        FormField(
            "impact",
            "Impact, 1 (minor) to 5 (severe)",
            "select",
            SCALE[1:],
            value=str(row.impact) if row else "3",
        ),
        FormField("mitigation", "Mitigation", "area", value=row.mitigation if row else ""),
        FormField("owner", "Owner", value=row.owner if row else "", placeholder="who watches it"),
        FormField(
            "status",
            "Status",
            "select",
            [(s.capitalize(), s) for s in ("open", "mitigated", "occurred", "closed")],
            value=_str(row.status) if row else "open",
        ),
        FormField(
            "review_on",
            "Next review (optional)",
            value=_str(row.review_on) if row and row.review_on else "",
            placeholder="+2w, 2026-12-15",
        ),
    ]

    def check(data: dict[str, Any]) -> dict[str, str]:
        model = RiskUpdateInput if row else RiskInput
        ctx: dict[str, Any] = {"now": app.now()}
        if row:
            ctx["previous_review_on"] = row.review_on
        return field_errors(model, {**data, "project_id": project_id}, ctx)

    def submit(data: dict[str, Any]) -> Risk:
        if row is not None:
            return update_risk(app.store, row.id, {**data, **version_of(row)}, now=app.now())  # type: ignore[arg-type]
        return add_risk(app.store, {**data, "project": project_id}, now=app.now())

    return FormModal("Risk" if row else "New risk", fields, check=check, submit=submit)


def frame_form(app: RelayApp, project: Project) -> FormModal:
    from relay_tui.schemas import FrameInput
    from relay_tui.services.projects import save_frame

    fields = [
        FormField(
            "working_method",
            "Working method",
            value=project.working_method,
            placeholder="Short cycles, a demo at the end of each",
        ),
        FormField(
            "cycle_days", "Cycle length in days", value=_str(project.cycle_days), placeholder="14"
        ),
        FormField(
            "contract_signed_on",
            "Contract signed on",
            value=_str(project.contract_signed_on),
            placeholder="2026-11-20, today",
        ),
        FormField("start_on", "Start", value=_str(project.start_on)),
        FormField("delivery_on", "Delivery", value=_str(project.delivery_on)),
        FormField(
            "budget_minutes",
            "Time budget",
            value=format_duration(project.budget_minutes) if project.budget_minutes else "",
            placeholder="40h",
        ),
        FormField(
            "chase_delay_days",
            "Chase after (working days without a reply)",
            value=str(project.chase_delay_days),
        ),
    ]
    return FormModal(
        "The frame",
        fields,
        check=_checker(FrameInput, app),
        submit=lambda data: save_frame(
            app.store,
            project.id,  # type: ignore[arg-type]
            {**data, **version_of(project)},
            now=app.now(),
        ),
        intro="Beyond three weeks no planning holds: relay flags longer gaps.",
    )


def craft_form(app: RelayApp, card: CraftCard) -> FormModal:
    from relay_tui.schemas import CraftCardInput
    from relay_tui.services.craft import save_craft_card

    fields = [
        FormField("name", "Your name or studio", value=card.name),
        FormField("training", "Training", "area", value=card.training),
        FormField("practices", "How you work", "area", value=card.practices),
        FormField("strengths", "Strengths", "area", value=card.strengths),
        FormField(
            "weaknesses", "Weaknesses (and who you call for them)", "area", value=card.weaknesses
        ),
        FormField("portfolio", "Portfolio links, one per line", "area", value=card.portfolio),
    ]
    return FormModal(
        "My craft card",
        fields,
        check=_checker(CraftCardInput, app),
        submit=lambda data: save_craft_card(app.store, {**data, **version_of(card)}),
        intro="Explain your trade once; export it as Markdown from the palette or with "
        "relay export craft.",
    )

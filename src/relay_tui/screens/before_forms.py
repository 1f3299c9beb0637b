"""The forms of the before phase, as data for `FormModal`.

Each form takes the values it shows as a service's view object, never a database row,
and the app as `screens.context.Relay`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from relay_tui.domain.compatibility import AXES, CLIENT_TRAITS, ProfileValues
from relay_tui.i18n import N_, tr
from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal, version_of
from relay_tui.stored_words import channel as channel_label
from relay_tui.stored_words import commitment_status, risk_status
from relay_tui.vocab import RISK_CATEGORY_LABELS, ROLE_LABELS, Channel

if TYPE_CHECKING:
    from relay_tui.domain.before import LessonCandidate
    from relay_tui.services.actors import ActorView
    from relay_tui.services.commitments import CommitmentView
    from relay_tui.services.craft import CraftView
    from relay_tui.services.profiles import AssessmentView
    from relay_tui.services.retro import LessonView
    from relay_tui.services.risks import RiskView

#: The labels below are marked with N_ and translated where shown (`tr(label)`).
UNKNOWN = (N_("Not answered"), "unknown")
YES_NO = [UNKNOWN, (N_("Yes"), "yes"), (N_("No"), "no")]
SCALE = [("?", "")] + [(str(n), str(n)) for n in range(1, 6)]

#: The self-assessment's questions: (field, question, answers as (label, value)).
ASSESSMENT_QUESTIONS: tuple[tuple[str, str, list[tuple[str, str]]], ...] = (
    (
        "reward",
        N_("What reward do I look for?"),
        [
            UNKNOWN,
            (N_("Financial"), "financial"),
            (N_("Intellectual"), "intellectual"),
            (N_("Both"), "both"),
        ],
    ),
    ("paid", N_("Am I paid for it?"), YES_NO),
    (
        "stance",
        N_("Do I act as a supplier or as a partner?"),
        [UNKNOWN, (N_("Supplier"), "supplier"), (N_("Partner"), "partner")],
    ),
    (
        "balance",
        N_("Am I ready to make sacrifices, or do I keep my balance?"),
        [
            UNKNOWN,
            (N_("Ready to make sacrifices"), "sacrifice"),
            (N_("Keep my balance"), "balance"),
        ],
    ),
    ("ready_for_failure", N_("Am I ready to face a failure?"), YES_NO),
)


def _options(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, value) pairs with their labels translated."""
    return [(tr(label), value) for label, value in pairs]


def channel_options() -> list[tuple[str, str]]:
    """Every channel as a drop-down option (label, value)."""
    return [(channel_label(c.value), c.value) for c in Channel]


def _answer(value: object) -> str:
    """A stored answer as the value of its option: yes or no for a boolean, unknown
    when not answered."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _checker(
    model: Any, relay: Relay, extra: dict[str, Any] | None = None
) -> Callable[[dict[str, Any]], dict[str, str]]:
    from relay_tui.schemas import field_errors

    def check(data: dict[str, Any]) -> dict[str, str]:
        return field_errors(model, {**data, **(extra or {})}, {"now": relay.now()})

    return check


def _status(
    row: CommitmentView | RiskView | None, label: Callable[[str], str], *statuses: str
) -> FormField:
    """The status drop-down of a record; a new one starts on the first of `statuses`."""
    return FormField(
        "status",
        tr("Status"),
        "select",
        [(label(status).capitalize(), status) for status in statuses],
        value=_str(row.status) if row else statuses[0],
    )


def _scales(axes: Sequence[tuple[str, str, str]], values: ProfileValues) -> list[FormField]:
    """One 1-to-5 drop-down per axis of a profile (`?` when not known)."""
    return [
        FormField(
            name,
            # TRANSLATORS: a 1-to-5 scale between two words (relaxed … structured).
            tr("{low} (1) … {high} (5)", low=tr(low).capitalize(), high=tr(high)),
            "select",
            SCALE,
            value=_str(getattr(values, name)),
        )
        for name, low, high in axes
    ]


def assessment_form(relay: Relay, project_id: int, current: AssessmentView | None) -> FormModal:
    from relay_tui.schemas import AssessmentInput
    from relay_tui.services.profiles import save_assessment

    fields = [
        FormField(
            name,
            tr(question),
            "select",
            _options(answers),
            value=_answer(getattr(current, name, None)),
        )
        for name, question, answers in ASSESSMENT_QUESTIONS
    ]
    fields.append(FormField("notes", tr("Notes"), "area", value=current.notes if current else ""))
    return FormModal(
        tr("Why am I taking this project?"),
        fields,
        check=_checker(AssessmentInput, relay),
        submit=lambda data: save_assessment(
            relay.store, project_id, {**data, **version_of(current)}
        ),
        intro=tr("Answer for yourself; relay shows it again in the retrospective."),
    )


def profile_form(
    relay: Relay, project_id: int | None, party: str, values: ProfileValues
) -> FormModal:
    from relay_tui.schemas import ProfileInput
    from relay_tui.services.profiles import save_profile

    fields = _scales(AXES, values)
    fields.append(
        FormField(
            "channel",
            tr("Preferred channel"),
            "select",
            [(tr(UNKNOWN[0]), UNKNOWN[1]), *channel_options()],
            value=values.channel or "unknown",
        )
    )
    if party == "client":
        fields += _scales(CLIENT_TRAITS, values)
        title = tr("The client's profile")
        intro = tr("Leave a line on ? when you do not know yet: the answer will be partial.")
    elif project_id is None:
        title = tr("My profile (default for every project)")
        intro = tr("Used by every project that does not override it.")
    else:
        title = tr("My profile for this project")
        intro = tr("Overrides your default profile for this project only.")
    return FormModal(
        title,
        fields,
        check=_checker(ProfileInput, relay),
        submit=lambda data: save_profile(relay.store, project_id, party, data),
        intro=intro,
    )


def stakeholder_form(relay: Relay, project_id: int, row: ActorView | None) -> FormModal:
    from relay_tui.schemas import StakeholderInput
    from relay_tui.services.actors import save_stakeholder

    fields = [
        FormField("name", tr("Name"), value=row.name if row else "", placeholder=tr("e.g. Paul")),
        FormField(
            "role",
            tr("Role"),
            "select",
            [(tr(v), k) for k, v in ROLE_LABELS.items()],
            value=_str(row.role) if row else "other",
        ),
        FormField(
            "influence",
            tr("Influence on the project, 1 (none) to 5 (decides)"),
            "select",
            SCALE[1:],
            value=str(row.influence) if row else "3",
        ),
        FormField(
            "interest",
            tr("Interest in the project, 1 (none) to 5 (very high)"),
            "select",
            SCALE[1:],
            value=str(row.interest) if row else "3",
        ),
        FormField(
            "reach",
            tr("How to reach them"),
            value=row.reach if row else "",
            placeholder=tr("email, phone, through whom…"),
        ),
        FormField("notes", tr("Notes"), "area", value=row.notes if row else ""),
    ]
    return FormModal(
        tr("Key actor") if row else tr("New key actor"),
        fields,
        check=_checker(StakeholderInput, relay),
        submit=lambda data: save_stakeholder(
            relay.store, project_id, {**data, **version_of(row)}, row.id if row else None
        ),
    )


def commitment_form(
    relay: Relay, project_id: int, row: CommitmentView | None, *, delivery_on: date | None = None
) -> FormModal:
    """A new commitment, or `row` corrected. Adding one of mine recalls "promise less,
    deliver more" under its date, and so does one of mine due right at `delivery_on`."""
    from relay_tui.domain.situations import commitment_warning
    from relay_tui.schemas import CommitmentInput
    from relay_tui.services.commitments import save_commitment

    def warn(data: dict[str, Any]) -> dict[str, str]:
        said = commitment_warning(
            data["due_on"], data["party"], row is None, delivery_on, relay.today()
        )
        return {"due_on": said} if said else {}

    fields = [
        FormField(
            "party",
            tr("Who commits"),
            "select",
            [(tr("The client"), "client"), (tr("Me (the provider)"), "provider")],
            value=_str(row.party) if row else "provider",
        ),
        FormField("text", tr("Commitment"), "area", value=row.text if row else ""),
        _status(row, commitment_status, "pending", "kept", "broken", "waived"),
        FormField(
            "due_on",
            tr("Due (optional)"),
            value=_str(row.due_on) if row else "",
            # TRANSLATORS: examples of dates the field accepts (ISO date, in two weeks).
            placeholder=tr("2026-12-01, +2w"),
        ),
        FormField("note", tr("Note"), "area", value=row.note if row else ""),
    ]
    return FormModal(
        tr("Commitment") if row else tr("New commitment"),
        fields,
        check=_checker(CommitmentInput, relay),
        submit=lambda data: save_commitment(
            relay.store,
            project_id,
            {**data, **version_of(row)},
            row.id if row else None,
            now=relay.now(),
        ),
        warn=warn,
    )


def risk_form(relay: Relay, project_id: int, row: RiskView | None) -> FormModal:
    from relay_tui.schemas import RiskInput, RiskUpdateInput, field_errors
    from relay_tui.services.risks import add_risk, update_risk

    fields = [
        FormField(
            "title",
            tr("Risk"),
            value=row.title if row else "",
            placeholder=tr("What could go wrong?"),
        ),
        FormField(
            "category",
            tr("Category"),
            "select",
            [(tr(v), k) for k, v in RISK_CATEGORY_LABELS.items()],
            value=_str(row.category) if row else "other",
        ),
        FormField(
            "probability",
            tr("Probability, 1 (rare) to 5 (almost certain)"),
            "select",
            SCALE[1:],
            value=str(row.probability) if row else "3",
        ),
        FormField(
            "impact",
            tr("Impact, 1 (minor) to 5 (severe)"),
            "select",
            SCALE[1:],
            value=str(row.impact) if row else "3",
        ),
        FormField("mitigation", tr("Mitigation"), "area", value=row.mitigation if row else ""),
        FormField(
            "owner",
            tr("Owner"),
            value=row.owner if row else "",
            placeholder=tr("who watches it"),
        ),
        _status(row, risk_status, "open", "mitigated", "occurred", "closed"),
        FormField(
            "review_on",
            tr("Next review (optional)"),
            value=_str(row.review_on) if row and row.review_on else "",
            # TRANSLATORS: examples of dates the field accepts (in two weeks, ISO date).
            placeholder=tr("+2w, 2026-12-15"),
        ),
    ]

    def check(data: dict[str, Any]) -> dict[str, str]:
        model = RiskUpdateInput if row else RiskInput
        ctx: dict[str, Any] = {"now": relay.now()}
        if row:
            ctx["previous_review_on"] = row.review_on
        return field_errors(model, {**data, "project_id": project_id}, ctx)

    def submit(data: dict[str, Any]) -> object:
        if row is not None:
            return update_risk(relay.store, row.id, {**data, **version_of(row)}, now=relay.now())  # type: ignore[arg-type]
        return add_risk(relay.store, {**data, "project": project_id}, now=relay.now())

    return FormModal(tr("Risk") if row else tr("New risk"), fields, check=check, submit=submit)


def lesson_form(relay: Relay, row: LessonView | LessonCandidate) -> FormModal:
    """Reword a lesson a retrospective carried forward (this project's, in the after
    phase, or an earlier project's, offered in the before phase)."""
    from relay_tui.schemas import LessonInput
    from relay_tui.services.retro import edit_lesson

    fields = [
        FormField("text", tr("Lesson"), "area", value=row.text),
        FormField("tags", tr("Tags"), value=row.tags, placeholder=tr("contract, documents")),
    ]
    return FormModal(
        tr("Lesson"),
        fields,
        check=_checker(LessonInput, relay),
        submit=lambda data: edit_lesson(relay.store, row.id, {**data, **version_of(row)}),
        intro=tr("Every project that offers this lesson shows it as you write it here."),
    )


def craft_form(relay: Relay, card: CraftView | None) -> FormModal:
    """`card`: the stored craft card, or None before the first save (an empty form)."""
    from relay_tui.schemas import CraftCardInput
    from relay_tui.services.craft import save_craft_card

    def shown(name: str) -> str:
        return getattr(card, name) if card is not None else ""

    fields = [
        FormField("name", tr("Your name or studio"), value=shown("name")),
        FormField("training", tr("Training"), "area", value=shown("training")),
        FormField("practices", tr("How you work"), "area", value=shown("practices")),
        FormField("strengths", tr("Strengths"), "area", value=shown("strengths")),
        FormField(
            "weaknesses",
            tr("Weaknesses (and who you call for them)"),
            "area",
            value=shown("weaknesses"),
        ),
        FormField(
            "portfolio", tr("Portfolio links, one per line"), "area", value=shown("portfolio")
        ),
    ]
    return FormModal(
        tr("My craft card"),
        fields,
        check=_checker(CraftCardInput, relay),
        submit=lambda data: save_craft_card(relay.store, {**data, **version_of(card)}),
        intro=tr(
            "Explain your trade once; export it as Markdown from the palette or with "
            "relay export craft."
        ),
    )

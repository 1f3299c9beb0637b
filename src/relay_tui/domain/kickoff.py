"""The documents of the framing, for the client: the mutual commitments as the contract's
appendix, and the kick-off summary (the frame, the key dates, both sides' commitments, and
what past projects taught and what this one does about it). Plain Markdown, in the
language being written (`relay_tui.i18n.speaking` picks the client's).

Also the lessons planned at framing, as the project stores them (comma-separated ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from relay_tui.display import long_date
from relay_tui.domain.prose import one_line
from relay_tui.i18n import tr, trn

# --- the lessons planned at framing ----------------------------------------------------


def planned_ids(text: str) -> list[int]:
    """The lesson ids of `Project.lessons_planned`, in the order planned, once each;
    anything that is not an id is left out."""
    ids = (int(part) for part in text.split(",") if part.strip().isdigit())
    return list(dict.fromkeys(ids))


def replan(text: str, lesson_id: int, planned: bool) -> str:
    """`Project.lessons_planned` with `lesson_id` added (at the end) or taken out."""
    ids = [i for i in planned_ids(text) if i != lesson_id]
    if planned:
        ids.append(lesson_id)
    return ",".join(str(i) for i in ids)


def keep_known(ids: Iterable[int], known: Iterable[int]) -> list[int]:
    """`ids` less the lessons that no longer exist (a lesson deleted drops out)."""
    present = set(known)
    return [i for i in ids if i in present]


# --- what the documents are made of -----------------------------------------------------


@dataclass(frozen=True)
class Promise:
    """A commitment of one side: `party` is "client" or "provider"."""

    party: str
    text: str
    due_on: date | None = None


@dataclass(frozen=True)
class Bell:
    """An alarm bell still to ring: `client_side` when the client acts on it."""

    title: str
    due_on: date
    client_side: bool = False


@dataclass(frozen=True)
class Frame:
    """How the project runs, as framed: the method, the cycle, and the rigour ticked."""

    working_method: str = ""
    cycle_days: int | None = None
    report_every_days: int | None = None
    written_validations: bool = False
    progress_point: bool = False
    single_contact: bool = False
    changes_in_writing: bool = False


@dataclass(frozen=True)
class PlannedLesson:
    """A lesson of a past project planned for this one: `action` is what this project
    does about it in the user's words (a risk's mitigation), `commitment` that it became
    one of my commitments."""

    text: str
    action: str = ""
    commitment: bool = False


@dataclass(frozen=True)
class KickoffData:
    project: str
    client: str
    today: date
    frame: Frame = field(default_factory=Frame)
    start_on: date | None = None
    delivery_on: date | None = None
    cycle_end: date | None = None
    bells: Sequence[Bell] = ()
    commitments: Sequence[Promise] = ()
    lessons: Sequence[PlannedLesson] = ()


def _section(title: str, items: list[str], empty: str | None = None) -> list[str]:
    if not items and empty is None:
        return []
    return [f"## {title}", "", *(items or [empty or ""]), ""]


def _promise_line(promise: Promise) -> str:
    text = one_line(promise.text)
    if promise.due_on is None:
        return f"- {text}"
    return tr("- {commitment} (by {day})", commitment=text, day=long_date(promise.due_on))


def _promises(commitments: Sequence[Promise], party: str) -> list[str]:
    return [_promise_line(p) for p in commitments if p.party == party]


# --- the contract's appendix ------------------------------------------------------------


def commitments_markdown(
    project: str, client: str, today: date, commitments: Sequence[Promise]
) -> str:
    """Both sides' commitments, for the contract's appendix: the client's, then the
    provider's, each with its date when it has one."""
    lines = [
        tr("# {project}: mutual commitments", project=one_line(project)),
        "",
        tr(
            "Appendix to the contract with {client}, {date}.",
            client=one_line(client),
            date=long_date(today),
        ),
        "",
    ]
    none = tr("- None written down.")
    lines += _section(tr("The client commits to"), _promises(commitments, "client"), none)
    lines += _section(tr("The provider commits to"), _promises(commitments, "provider"), none)
    return "\n".join(lines).rstrip() + "\n"


# --- the kick-off summary ---------------------------------------------------------------


def _frame_lines(frame: Frame) -> list[str]:
    lines: list[str] = []
    if frame.working_method.strip():
        lines += [frame.working_method.strip(), ""]
    if frame.cycle_days:
        lines += [
            trn(
                "We work in cycles of {n} day: at the end of each one we look together at "
                "what is done and plan the next.",
                "We work in cycles of {n} days: at the end of each one we look together at "
                "what is done and plan the next.",
                frame.cycle_days,
            ),
            "",
        ]
    agreed = []
    if frame.written_validations:
        agreed.append(tr("- Each step is validated in writing before the next one starts."))
    if frame.progress_point:
        if frame.report_every_days:
            agreed.append(
                trn(
                    "- A progress point every {n} day.",
                    "- A progress point every {n} days.",
                    frame.report_every_days,
                )
            )
        else:
            agreed.append(tr("- A regular progress point."))
    if frame.single_contact:
        agreed.append(tr("- One contact person on your side, who takes the decisions."))
    if frame.changes_in_writing:
        agreed.append(tr("- Any change to what was agreed is settled in writing."))
    if agreed:
        lines += [tr("What we agree on:"), "", *agreed, ""]
    if not lines:
        lines = [tr("The way we work is still to be agreed together."), ""]
    return lines


def _dates(data: KickoffData) -> list[str]:
    dated: list[tuple[date, int, str]] = []
    if data.start_on:
        dated.append((data.start_on, 0, tr("start of the project")))
    for bell in data.bells:
        title = one_line(bell.title)
        what = tr("{title} (on your side)", title=title) if bell.client_side else title
        dated.append((bell.due_on, 1, what))
    if data.cycle_end:
        dated.append((data.cycle_end, 2, tr("end of the current cycle")))
    if data.delivery_on:
        dated.append((data.delivery_on, 3, tr("delivery")))
    return [
        tr("- {day}: {what}", day=long_date(day), what=what)
        for day, _, what in sorted(dated, key=lambda d: (d[0], d[1]))
    ]


def _lesson_line(lesson: PlannedLesson) -> str:
    text = one_line(lesson.text)
    if lesson.action.strip():
        return tr(
            "- {lesson}: {action}",
            lesson=text.rstrip(" .;:"),
            action=one_line(lesson.action),
        )
    if lesson.commitment:
        return tr("- {lesson}: it is one of my commitments above.", lesson=text.rstrip(" .;:"))
    return f"- {text}"


def kickoff_markdown(data: KickoffData) -> str:
    """The kick-off summary for the client: how we work, the key dates, what each side
    commits to, and the lessons of past projects planned for this one (left out when
    none is)."""
    lines = [
        tr("# {project}: kick-off", project=one_line(data.project)),
        "",
        tr(
            "For {client}, {date}.",
            client=one_line(data.client),
            date=long_date(data.today),
        ),
        "",
        "## " + tr("How we work"),
        "",
        *_frame_lines(data.frame),
    ]
    lines += _section(tr("Key dates"), _dates(data), tr("- The dates are still to be set."))
    none = tr("- None written down.")
    lines += _section(tr("You commit to"), _promises(data.commitments, "client"), none)
    lines += _section(tr("I commit to"), _promises(data.commitments, "provider"), none)
    lines += _section(
        tr("What we learnt from past projects and what we do about it"),
        [_lesson_line(lesson) for lesson in data.lessons],
    )
    return "\n".join(lines).rstrip() + "\n"

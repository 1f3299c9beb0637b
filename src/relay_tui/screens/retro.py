"""The retrospective wizard: one step at a time, each saved as a draft when left.

Quitting half-way loses nothing: opening the wizard again resumes at the saved step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    Header,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from relay_tui.domain.after import STEPS, step_titles
from relay_tui.i18n import N_, tr, trn
from relay_tui.screens.context import RelayNode
from relay_tui.screens.messages import WorkerErrors
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal, printable
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.text_view import LiteralTextArea
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from relay_tui.services.retro import RetroView

#: The questions of the reflection steps (marked with N_, translated where shown).
PROMPTS = {
    "worked": N_("What worked well, that you want to keep doing?"),
    "not_worked": N_("What did not work? Facts, not blame."),
    "improve": N_("What will you do differently next time?"),
}
SSC_PROMPTS = {
    "worked": N_("Continue: what do you keep doing?"),
    "not_worked": N_("Stop: what do you stop doing?"),
    "improve": N_("Start: what do you start doing?"),
}
#: The last step's words (Textual markup: keep the [b], [/b], [dim] and [/dim] tags).
CELEBRATION = N_(
    "[b]This project is behind you.[/b]\n"
    "\n"
    "You framed it, ran it, and took the time to learn from it: that is what makes the next\n"
    "one easier. Close the laptop for a moment, tell someone about what you built, and enjoy it.\n"
    "\n"
    "[dim]ctrl+n finishes the retrospective and carries your lessons forward.[/dim]"
)


class RetroWizard(OwnKeysFirst, RelayNode, Toned, WorkerErrors, Screen[None]):
    CSS_PATH = "retro.tcss"
    BINDING_GROUP_TITLE = tr("Retrospective")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "next",
            tr("Next"),
            priority=True,
            id="retro-next",
            tooltip=tr("Save this step and go to the next one"),
        ),
        Binding(
            "ctrl+b",
            "back",
            tr("Back"),
            priority=True,
            id="retro-back",
            tooltip=tr("Save this step and go back one"),
        ),
        Binding(
            "escape",
            "leave",
            tr("Save and leave"),
            id="retro-leave",
            tooltip=tr("Save the draft; the wizard resumes here next time"),
        ),
    ]

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id
        self.step = 0
        self.retro: RetroView | None = None
        self.finished = False
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="wizard"):
            yield Static("", id="steps")
            yield Static("", id="step-title")
            with ContentSwitcher(initial="facts", id="step-body"):
                with VerticalScroll(id="facts"):
                    yield Static(tr("Loading the facts…"), id="facts-text")
                for key in ("worked", "not_worked"):
                    with Vertical(id=key):
                        yield Static(tr(PROMPTS[key]), id=f"{key}-prompt", classes="prompt")
                        yield LiteralTextArea(id=f"{key}-text", soft_wrap=True)
                with Vertical(id="improve"):
                    yield Select[str](
                        [
                            (
                                tr("What worked / what did not / what to improve"),
                                "worked_not_improve",
                            ),
                            (tr("Start / stop / continue"), "start_stop_continue"),
                        ],
                        value="worked_not_improve",
                        allow_blank=False,
                        id="format",
                    )
                    yield Static(tr(PROMPTS["improve"]), id="improve-prompt", classes="prompt")
                    yield LiteralTextArea(id="improve-text", soft_wrap=True)
                with Vertical(id="lessons"):
                    yield Static(
                        tr(
                            "One lesson per line; #words become its tags "
                            "(e.g. Ask for the photos in the contract #documents)."
                        ),
                        classes="prompt",
                    )
                    yield LiteralTextArea(id="lessons-text", soft_wrap=True)
                    yield Static(
                        tr("Planned at framing: did you keep it? (space ticks the ones kept)"),
                        classes="prompt",
                        id="planned-prompt",
                    )
                    yield SelectionList[int](id="planned")
                    yield Static(
                        tr("Earlier lessons you applied on this project (space ticks):"),
                        classes="prompt",
                        id="applied-prompt",
                    )
                    yield SelectionList[int](id="applied")
                with Vertical(id="satisfaction"):
                    yield Static(tr("How satisfied are you with this project?"), classes="prompt")
                    yield Select[str](
                        [(tr("{score} / 5", score=n), str(n)) for n in range(5, 0, -1)],
                        prompt=tr("Choose"),
                        id="satisfaction-value",
                    )
                with Vertical(id="enjoy"):
                    yield Static(tr(CELEBRATION), id="celebration")
            yield Static("", id="nav")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = tr("Retrospective")
        self.load()

    @work(thread=True, exit_on_error=False, group="retro-load")
    def load(self) -> None:
        from relay_tui.services.projects import project_header
        from relay_tui.services.retro import earlier_lessons, facts_lines, get_retro, retro_facts

        store = self.relay.store
        header = project_header(store, self.project_id)
        retro = get_retro(store, self.project_id)
        facts = facts_lines(retro_facts(store, self.project_id))
        earlier = earlier_lessons(store, self.project_id)
        self.app.call_from_thread(self._loaded, header.name, retro, facts, earlier)

    def _loaded(
        self, name: str, retro: RetroView, facts: list[str], earlier: list[tuple[int, str, str]]
    ) -> None:
        self.retro = retro
        self.finished = retro.finished
        self.sub_title = tr("Retrospective · {project}", project=printable(name))
        text = Text(tr("What the data says") + "\n\n", style="bold")
        for line in facts:
            text.append("• ")
            text.append_text(literal(line, 200))
            text.append("\n")
        self.query_one("#facts-text", Static).update(text)
        self.query_one("#worked-text", TextArea).text = retro.worked
        self.query_one("#not_worked-text", TextArea).text = retro.not_worked
        self.query_one("#improve-text", TextArea).text = retro.improve
        self.query_one("#lessons-text", TextArea).text = retro.lessons_draft
        self.query_one("#format", Select).value = retro.format
        if retro.satisfaction:
            self.query_one("#satisfaction-value", Select).value = str(retro.satisfaction)
        planned = [lesson for lesson in earlier if lesson[0] in retro.planned]
        others = [lesson for lesson in earlier if lesson[0] not in retro.planned]
        self._offer("planned", planned, retro.applied)
        self._offer("applied", others, retro.applied)
        self._go(min(retro.step, len(STEPS) - 1))

    def _draft_lessons(self) -> None:
        """An empty lessons step starts from what to improve: each improvement becomes a
        lesson for the next projects (the user edits or deletes the lines)."""
        from relay_tui.domain.after import lessons_from_improvements

        lessons = self.query_one("#lessons-text", TextArea)
        if not lessons.text.strip():
            lessons.text = lessons_from_improvements(self.query_one("#improve-text", TextArea).text)

    def _offer(
        self, name: str, lessons: list[tuple[int, str, str]], ticked: frozenset[int]
    ) -> None:
        """Fill the list `#name` with `lessons` (id, text, project), those in `ticked`
        ticked; hide it and its question when there is none."""
        selection = self.query_one(f"#{name}", SelectionList)
        selection.clear_options()
        for lesson_id, lesson_text, project in lessons:
            prompt = literal(lesson_text, 100)
            prompt.append("  (")
            prompt.append_text(literal(project, 40))
            prompt.append(")")
            selection.add_option((prompt, lesson_id, lesson_id in ticked))
        if lessons:
            selection.highlighted = 0  # space ticks the first at once
        selection.display = bool(lessons)
        self.query_one(f"#{name}-prompt", Static).display = bool(lessons)

    # --- navigation -----------------------------------------------------------------
    def _go(self, step: int) -> None:
        self.step = step
        key = STEPS[step][0]
        if key == "lessons":
            self._draft_lessons()
        fmt = str(self.query_one("#format", Select).value)
        titles = step_titles(fmt)
        prompts = SSC_PROMPTS if fmt == "start_stop_continue" else PROMPTS
        for name in ("worked", "not_worked", "improve"):
            self.query_one(f"#{name}-prompt", Static).update(tr(prompts[name]))
        self.query_one(ContentSwitcher).current = key
        marks = Text()
        for index, title in enumerate(titles):
            done = self.tone("good")
            style = "reverse bold" if index == step else (done if index < step else "dim")
            marks.append(f" {index + 1} {tr(title)} ", style=style)
            marks.append(" ")
        self.query_one("#steps", Static).update(marks)
        self.query_one("#step-title", Static).update(
            Text(
                tr(
                    "Step {step} of {steps}: {title}",
                    step=step + 1,
                    steps=len(STEPS),
                    title=tr(titles[step]),
                ),
                style="bold",
            )
        )
        nav = tr("ctrl+n next · ctrl+b back · esc saves and leaves")
        if self.finished:
            nav = tr("This retrospective is finished: read only. esc leaves.")
        elif key == "enjoy":
            nav = tr("ctrl+n finishes · ctrl+b back · esc saves and leaves")
        self.query_one("#nav", Static).update(Text(nav, style="dim"))
        focus = {
            "worked": "#worked-text",
            "not_worked": "#not_worked-text",
            "improve": "#improve-text",
            "lessons": "#lessons-text",
            "satisfaction": "#satisfaction-value",
        }.get(key)
        if focus:
            self.query_one(focus).focus()
        for area in self.query(TextArea):
            area.read_only = self.finished

    def _draft(self) -> dict[str, Any]:
        satisfaction = self.query_one("#satisfaction-value", Select).value
        applied = [
            *self.query_one("#planned", SelectionList).selected,
            *self.query_one("#applied", SelectionList).selected,
        ]
        return {
            "step": self.step,
            "format": self.query_one("#format", Select).value,
            "worked": self.query_one("#worked-text", TextArea).text,
            "not_worked": self.query_one("#not_worked-text", TextArea).text,
            "improve": self.query_one("#improve-text", TextArea).text,
            "lessons_draft": self.query_one("#lessons-text", TextArea).text,
            "applied_lessons": ",".join(str(i) for i in applied),
            "satisfaction": satisfaction if isinstance(satisfaction, str) else None,
        }

    def action_next(self) -> None:
        if self.retro is None:
            return
        if STEPS[self.step][0] == "enjoy":
            if not self.finished:
                self._save_and(self.step, finish=True)
            return
        self._save_and(self.step + 1)

    def action_back(self) -> None:
        if self.retro is not None and self.step > 0:
            self._save_and(self.step - 1)

    def action_leave(self) -> None:
        if self.retro is None or self.finished:
            self.dismiss(None)
            return
        self._save_and(None)

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        if self.retro is not None:
            self._go(self.step)

    def _save_and(self, target: int | None, finish: bool = False) -> None:
        """One save at a time: a key pressed before the previous save has moved the wizard
        would save the step it left (a thread cannot be cancelled), so it rings the bell."""
        if self._saving:
            self.app.bell()
            return
        self._saving = True
        self._save_then_move(target, finish)

    @work(thread=True, exit_on_error=False, group="retro-save")
    def _save_then_move(self, target: int | None, finish: bool) -> None:
        """Save the draft (the step to resume at is the one we go to), then move."""
        try:
            self._save_in_thread(target, finish)
        finally:
            self._saving = False  # the move above has run: call_from_thread waits for it

    def _save_in_thread(self, target: int | None, finish: bool) -> None:
        from relay_tui.services.retro import finish_retro, save_retro_step

        store = self.relay.store
        if not self.finished:
            draft = self.app.call_from_thread(self._draft)
            draft["step"] = target if target is not None else self.step
            save_retro_step(store, self.project_id, draft)
        if finish:
            lessons = finish_retro(store, self.project_id, now=self.relay.now())
            self.finished = True
            self.app.call_from_thread(
                self.notify,
                trn(
                    "Retrospective finished: {n} lesson carried forward to your next projects.",
                    "Retrospective finished: {n} lessons carried forward to your next projects.",
                    len(lessons),
                ),
                title=tr("Well done"),
            )
            self.app.call_from_thread(self._go, self.step)
            return
        if target is None:
            self.app.call_from_thread(self.notify, tr("Draft saved: the wizard resumes here."))
            self.app.call_from_thread(self.dismiss, None)
        else:
            self.app.call_from_thread(self._go, target)

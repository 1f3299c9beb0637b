"""A project, on one of its phases: before (b), during (d), after (a)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Static

from relay_tui.screens.after import AfterPane
from relay_tui.screens.before import BeforePane
from relay_tui.screens.during import DuringPane
from relay_tui.screens.messages import StoreChanged
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.app import RelayApp
    from relay_tui.services.framing import BeforeData
    from relay_tui.services.overview import ProjectOverview

PHASES = ("before", "during", "after")
PHASE_TITLES = {"before": "Before", "during": "During", "after": "After"}


class ProjectScreen(Screen[None]):
    CSS_PATH: ClassVar[list[str]] = ["project.tcss", "before.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the projects", id="back"),
        Binding("b", "phase('before')", "Before", tooltip="Framing the project", id="before"),
        Binding("d", "phase('during')", "During", tooltip="Running the project", id="during"),
        Binding("a", "phase('after')", "After", tooltip="Closing the project", id="after"),
        Binding(
            "m",
            "move_phase",
            "Move here",
            id="move",
            tooltip="Record that the project is now in the phase shown",
        ),
    ]

    phase: reactive[str] = reactive("during", init=False)

    def __init__(self, project_id: int, phase: str | None = None) -> None:
        super().__init__()
        self.project_id = project_id
        self._initial_phase = phase
        self.overview: ProjectOverview | None = None

    @property
    def relay(self) -> RelayApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="phase-bar"):
            yield Static("", id="project-name")
            yield Static("", id="phase-tabs")
        with ContentSwitcher(initial="before", id="phases"):
            yield BeforePane(id="before")
            yield DuringPane(id="during")
            yield AfterPane(id="after")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Loading…"
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @on(StoreChanged)
    def _changed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="project", exit_on_error=False)
    def load(self) -> None:
        from relay_tui.services.overview import overview

        store, today = self.relay.store, self.relay.today()
        data = overview(store, self.project_id, today)
        before = BeforePane.load(store, self.project_id, today)
        self.app.call_from_thread(self.show, data, before)

    def show(self, data: ProjectOverview, before: BeforeData | None = None) -> None:
        first = self.overview is None
        self.overview = data
        if first:
            self.phase = self._initial_phase or data.phase
        self._render_bar()
        today = self.relay.today()
        if before is not None:
            self.query_one(BeforePane).show(before, today)
        self.query_one(DuringPane).show(data, today)
        self.query_one(AfterPane).show(data, today)
        self.query_one(ContentSwitcher).current = self.phase
        if first:
            self._focus_phase()

    def watch_phase(self, phase: str) -> None:
        self.query_one(ContentSwitcher).current = phase
        self._render_bar()
        self._focus_phase()

    def _focus_phase(self) -> None:
        """Put the focus inside the phase shown, so that its keys work at once."""
        pane = self.query_one(f"#{self.phase}")
        for widget in pane.query("*"):
            if widget.focusable and widget.display:
                widget.focus()
                break
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def _render_bar(self) -> None:
        data = self.overview
        if data is None:
            return
        title = PHASE_TITLES[self.phase]
        closed = " (closed)" if data.status == "closed" else ""
        self.sub_title = f"{data.name}{closed} · {title}"
        name = literal(data.name, 40)
        name.stylize("bold")
        name.append(f"  {data.client}", style="dim")
        self.query_one("#project-name", Static).update(name)
        tabs = []
        for key in PHASES:
            label = f" {key[0]} {PHASE_TITLES[key]} "
            if key == self.phase:
                tabs.append(f"[reverse b]{label}[/]")
            else:
                tabs.append(f"[dim]{label}[/]")
        marker = f"   [dim]project is in:[/] [b]{PHASE_TITLES.get(data.phase, data.phase)}[/]"
        self.query_one("#phase-tabs", Static).update(" ".join(tabs) + marker)

    def action_phase(self, phase: str) -> None:
        if phase in PHASES:
            self.phase = phase

    def action_move_phase(self) -> None:
        if self.overview is None or self.overview.phase == self.phase:
            self.notify(f"The project is already in the {self.phase} phase.")
            return
        self._move(self.phase)

    @work(thread=True, exclusive=True, group="project-write", exit_on_error=False)
    def _move(self, phase: str) -> None:
        from relay_tui.services.overview import set_phase

        set_phase(self.relay.store, self.project_id, phase)
        self.app.call_from_thread(
            self.notify, f"The project is now in the {phase} phase.", title="Phase changed"
        )
        self.app.call_from_thread(self.load)

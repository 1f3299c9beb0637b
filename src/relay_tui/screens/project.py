"""A project, on one of its phases: before (b), during (d), after (a)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Static

from relay_tui.i18n import tr
from relay_tui.screens.after import AfterPane
from relay_tui.screens.before import BeforePane
from relay_tui.screens.context import RelayNode
from relay_tui.screens.during import DuringPane
from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import StoreChanged, WorkerErrors
from relay_tui.screens.phase_pane import PHASE_TITLES, PhasePane
from relay_tui.services import warming
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import flagged, literal, printable
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.posture_cards import PostureCards

if TYPE_CHECKING:
    from datetime import date

    from rich.text import Text

    from relay_tui.services.posture import ProjectPosture
    from relay_tui.services.project_header import ProjectHeader

PHASES = ("before", "during", "after")
PANES: dict[str, type[PhasePane]] = {
    "before": BeforePane,
    "during": DuringPane,
    "after": AfterPane,
}


def tab_for(wanted: tuple[str, str] | None, phase: str) -> str | None:
    """The tab of `phase` to show first: the one asked for (`show_tab`), if any."""
    return wanted[1] if wanted is not None and wanted[0] == phase else None


def bar_texts(data: ProjectHeader, shown: str) -> tuple[str, Text, str]:
    """The screen's subtitle, the project's name and client, and the phases' bar with
    the `shown` one marked and the one the project is in."""
    title = tr(PHASE_TITLES[shown])
    if data.status == "closed":
        sub_title = tr("{project} (closed) · {phase}", project=printable(data.name), phase=title)
    else:
        sub_title = f"{printable(data.name)} · {title}"
    bar = literal(data.name, 40, style="bold")
    if data.client:
        bar.append(" · ", style="dim")
        bar.append_text(literal(data.client, 40, style="dim"))
    flagged(bar, data.problems)
    tabs = []
    for key in PHASES:
        label = f" {key[0]} {tr(PHASE_TITLES[key])} "
        tabs.append(f"[reverse b]{label}[/]" if key == shown else f"[dim]{label}[/]")
    phase = PHASE_TITLES.get(data.phase)
    marker = "   " + tr(
        "[dim]project is in:[/] [b]{phase}[/]", phase=tr(phase) if phase else data.phase
    )
    return sub_title, bar, " ".join(tabs) + marker


class HoldsWarmUp:
    """A screen during which the ORM's background import waits, from `compose` until
    it is first shown (`services.warming`): importing holds the GIL."""

    _holding = False

    def _hold(self) -> None:
        warming.hold()
        self._holding = True

    def _release(self) -> None:
        if self._holding:
            self._holding = False
            warming.release()

    def on_unmount(self) -> None:
        self._release()


class ProjectScreen(OwnKeysFirst, HoldsWarmUp, RelayNode, WorkerErrors, Screen[None]):
    CSS_PATH: ClassVar[list[str]] = ["project.tcss", "before.tcss", "during.tcss", "after.tcss"]
    #: No focus given on arrival: the phase shown takes it once loaded (`_focus_phase`);
    #: a first focus elsewhere would restyle the screen once more for nothing (speed).
    AUTO_FOCUS = ""
    BINDING_GROUP_TITLE = tr("Project")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "app.pop_screen", tr("Back"), tooltip=tr("Back to the projects"), id="back"
        ),
        # Shown in the phase bar at the top, so not repeated in the footer.
        Binding(
            "b",
            "phase('before')",
            tr("Before"),
            tooltip=tr("Framing the project"),
            id="before",
            show=False,
        ),
        Binding(
            "d",
            "phase('during')",
            tr("During"),
            tooltip=tr("Running the project"),
            id="during",
            show=False,
        ),
        Binding(
            "a",
            "phase('after')",
            tr("After"),
            tooltip=tr("Closing the project"),
            id="after",
            show=False,
        ),
        # m moves the project to the phase shown: one binding per phase, so that the
        # footer says which; only the one of the phase shown, if the project is elsewhere.
        *(
            Binding(
                "m",
                f"move_phase('{key}')",
                tr("Move to {phase}", phase=tr(title)),
                id=f"move-{key}",
                tooltip=tr(
                    "Record that the project is now in its {phase} phase", phase=tr(title).lower()
                ),
            )
            for key, title in PHASE_TITLES.items()
        ),
        # Shown only while a posture card is (see check_action).
        Binding(
            "X",
            "dismiss_card",
            tr("Dismiss card"),
            key_display="X",
            id="dismiss-card",
            tooltip=tr(
                "Put the first posture card away for this project, until its situation starts anew"
            ),
        ),
        # Rarely needed while working on a project: in ? and the palette, not the footer.
        Binding(
            "E",
            "edit_project",
            tr("Edit project"),
            key_display="E",
            id="edit-this-project",
            tooltip=tr("Correct the project: name, client, kind, dates, budget, chase delay"),
            show=False,
        ),
    ]

    phase: reactive[str] = reactive("during", init=False)

    def __init__(self, project_id: int, phase: str | None = None, *, expected: str | None = None):
        super().__init__()
        self.project_id = project_id
        self._initial_phase = phase
        #: The phase built with the screen, before the header is read (see `compose`).
        self._built_phase = phase if phase in PANES else expected if expected in PANES else None
        self.header: ProjectHeader | None = None
        self._refocus = False
        #: The phase shown is being loaded and will take the focus (see `keys_ready`).
        self._placing_focus = False
        #: A tab to show once its phase is (see `show_tab`): (phase, tab id).
        self._wanted_tab: tuple[str, str] | None = None
        #: The project's posture cards and delivery date, as last loaded.
        self.posture: ProjectPosture | None = None
        self._resumed = False  # it was shown at least once (see `on_screen_resume`)

    def compose(self) -> ComposeResult:
        self._hold()  # until first shown (`show`)
        yield Header()
        with Horizontal(id="phase-bar"):
            yield Static("", id="project-name")
            yield Static("", id="phase-tabs")
        yield PostureCards(id="posture-cards")
        # The phase it will likely show, built at once: a mount and a layout less (speed).
        with ContentSwitcher(id="phases", initial=self._built_phase):
            if self._built_phase is not None:
                built, tab = self._built_phase, tab_for(self._wanted_tab, self._built_phase)
                yield PANES[built](self.project_id, id=built, first_tab=tab)
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = tr("Loading…")
        self.load()  # now, not when the screen is first shown (a little later)

    def on_screen_resume(self) -> None:
        """Back to this screen: load again (not when first shown: `on_mount` loads)."""
        if self._resumed:
            self.load()
        self._resumed = True

    @property
    def keys_ready(self) -> bool:
        """Whether the footer may show its keys: they depend on the phase and tab shown,
        known once they have shown their data and taken the focus (see widgets.footer)."""
        if self.header is None or self._placing_focus:
            return False
        pane = self._pane()
        return pane is not None and pane.ready

    @on(StoreChanged)
    def _changed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="project", exit_on_error=False)
    def load(self) -> None:
        """The header, then the phase shown reloads what is in view (`PhasePane.reload`;
        the other phases load when shown)."""
        from relay_tui.services.posture import project_posture
        from relay_tui.services.project_header import project_header

        header = project_header(self.relay.store, self.project_id)
        posture = project_posture(self.relay.store, self.project_id, self.relay.today())
        phase = self.phase if self.header is not None else (self._initial_phase or header.phase)
        show_if_current(self.app, self.show, header, phase, posture)

    async def show(
        self, header: ProjectHeader, phase: str, posture: ProjectPosture | None = None
    ) -> None:
        first = self.header is None
        self.header = header
        if posture is not None:
            self.posture = posture
            self.query_one(PostureCards).show_project(posture.cards)
            self.query_one("#phase-bar").set_class(bool(posture.cards), "-posture")
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#{phase}"):
            tab = tab_for(self._wanted_tab, phase)
            await switcher.mount(PANES[phase](self.project_id, id=phase, first_tab=tab))
        pane = switcher.query_one(f"#{phase}", PhasePane)
        pane.project_name = header.name
        if self._wanted_tab is not None and self._wanted_tab[0] == phase:
            pane.action_tab(self._wanted_tab[1])
            self._wanted_tab = None
        if first:
            self.set_reactive(ProjectScreen.phase, phase)
        switcher.current = phase
        self._render_bar()
        refocus, self._refocus = first or self._refocus, False
        self._placing_focus = self._placing_focus or refocus
        try:
            await pane.reload()
        finally:
            if refocus:
                self._focus_phase()
            # Once painted: the ORM's import would take the lock from the first paint.
            self.call_after_refresh(self._release)

    def _pane(self) -> PhasePane | None:
        panes = self.query_one(ContentSwitcher).query(f"#{self.phase}")
        pane: Any = panes.first() if panes else None
        return pane if isinstance(pane, PhasePane) else None

    def watch_phase(self, phase: str) -> None:
        if self.header is None:
            return
        self._render_bar()
        self._refocus = True
        self.load()

    def _focus_phase(self) -> None:
        """Put the focus inside the phase shown, so that its keys work at once; where the
        phase shows from is the pane's to choose once it is laid out (`place_view`)."""
        pane = self._pane()
        if pane is not None and not pane.focus_main(scroll=False):
            for widget in pane.query("*"):
                if widget.focusable and widget.display:
                    widget.focus(scroll_visible=False)
                    break
            else:
                pane.focus(scroll_visible=False)
        if pane is not None:
            self.call_after_refresh(pane.place_view)
        self._placing_focus = False
        self.refresh_bindings()

    def _render_bar(self) -> None:
        if self.header is None:
            return
        sub_title, name, tabs = bar_texts(self.header, self.phase)
        self.sub_title = sub_title
        self.query_one("#project-name", Static).update(name)
        self.query_one("#phase-tabs", Static).update(tabs)
        self.refresh_bindings()  # m shows only away from the project's phase

    def action_phase(self, phase: str) -> None:
        if phase in PHASES:
            self.phase = phase

    def show_tab(self, phase: str, tab: str) -> None:
        """Show the tab `tab` (its id in the pane's TABS) of `phase`, whatever is shown now
        (the palette's "Go to tab"): at once if its phase is shown, else once it is."""
        pane = self._pane() if self.header is not None and phase == self.phase else None
        if pane is not None:
            pane.action_tab(tab)
            return
        self._wanted_tab = (phase, tab)
        if self.header is None:
            self._initial_phase = phase  # the first load shows it
        else:
            self.phase = phase

    def action_edit_project(self) -> None:
        from relay_tui.screens.project_form import EditProjectScreen

        self.app.push_screen(EditProjectScreen(self.project_id))

    @property
    def delivery_on(self) -> date | None:
        """The project's delivery date, as last loaded (the forms' "promise" warnings)."""
        return self.posture.delivery_on if self.posture is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`m` works, and shows, only to move the project to the phase shown; `X` only
        while a posture card shows."""
        if action == "dismiss_card":
            return self.posture is not None and bool(self.posture.cards)
        if action == "move_phase":
            here = self.header is not None and self.header.phase != self.phase
            return here and parameters == (self.phase,)
        return True

    def action_move_phase(self, phase: str) -> None:
        if self.header is not None and self.header.phase != phase == self.phase:
            self._move(phase)

    @work(thread=True, exclusive=True, group="project-write", exit_on_error=False)
    def _move(self, phase: str) -> None:
        from relay_tui.services.projects import set_phase

        set_phase(self.relay.store, self.project_id, phase)
        self.app.call_from_thread(
            self.notify,
            tr(
                "The project is now in the {phase} phase.",
                phase=tr(PHASE_TITLES.get(phase, phase)).lower(),
            ),
            title=tr("Phase changed"),
        )
        self.app.call_from_thread(self.load)

    def action_dismiss_card(self) -> None:
        """`X`: the first card shown goes away for this project (the next one, if any,
        comes first); it shows again when its situation starts anew."""
        if self.posture is not None and self.posture.cards:
            self._dismiss(self.posture.cards[0].key, self.posture.cards[0].title)

    @work(thread=True, exclusive=True, group="project-write", exit_on_error=False)
    def _dismiss(self, key: str, title: str) -> None:
        from relay_tui.services.posture import dismiss_card

        dismiss_card(self.relay.store, self.project_id, key, self.relay.today())
        self.app.call_from_thread(
            self.notify,
            tr(
                "“{card}” is put away for this project; it shows again if its situation "
                "starts anew (u takes this back).",
                card=title,
            ),
            title=tr("Card dismissed"),
        )
        self.app.call_from_thread(self.load)

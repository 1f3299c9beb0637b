"""A yes/no question before anything is destroyed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from relay_tui.i18n import tr
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst


class ConfirmModal(OwnKeysFirst, ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    BINDING_GROUP_TITLE = tr("Question")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", tr("Yes"), id="yes"),
        Binding("n,escape", "answer(False)", tr("No"), id="no"),
    ]

    def __init__(self, question: str) -> None:
        """`question` may quote what users typed: it is shown literally."""
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.question), id="question")
            with Horizontal(id="answers"):
                # The keys stay y and n, whatever the language.
                yield Button(tr("Yes  y"), variant="error", id="yes")
                yield Button(tr("No  n"), variant="primary", id="no")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

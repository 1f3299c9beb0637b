"""The fields of relay's forms: Textual's, made to keep every key in order, a checkbox
that reads without colour, and the line that says what the keys do.

Why keys need keeping in order. Textual hands a key to the focused widget, which types
a character at once, but a key bound to an action (backspace, ctrl+u, enter, tab…) is
looked up only once the key has travelled up to the app, after the characters sent
right behind it were typed. A burst of keys (a paste, a fast typist over ssh, tmux
`send-keys`) then comes out scrambled: `ctrl+u` then `today` clears `today` after it was
typed, and the field is saved empty. `KeysInOrder` runs a field's own bindings as soon as
the key reaches the field, in order with the characters around it; the form itself moves
the focus (`tab`) before the next key is handed out (see `screens.form.SavingModal`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, Select, Static, TextArea

from relay_tui.i18n import tr
from relay_tui.widgets.text_view import SHOW_CONTROLS, LiteralTextArea

if TYPE_CHECKING:
    from rich.highlighter import Highlighter


class KeysInOrder:
    """Mixin for a focusable widget: its own key bindings run when the key reaches it
    (in order with the characters typed around it), not once the key has gone up to the
    app, by which time the characters behind it were already typed and the focus may have
    moved to another field."""

    async def _on_key(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        # `_bindings` is Textual's map of the node's own keys (no public equivalent:
        # `Screen.active_bindings` answers for the focused chain as it is now, which a
        # burst has already moved on). Textual is pinned; the burst tests of
        # tests/screens/test_forms_at_80x24.py fail if this stops working.
        for binding in widget._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran it already, before handing the key out
            if await widget.app.run_action(binding.action, widget):
                event.stop()
                event.prevent_default()  # the widget's own handler is not called as well
                return


class FormInput(KeysInOrder, Input):
    """A one-line field: control characters shown as stand-ins, keys kept in order."""

    def __init__(
        self,
        value: str = "",
        placeholder: str = "",
        *,
        id: str | None = None,
        highlighter: Highlighter | None = SHOW_CONTROLS,
    ) -> None:
        super().__init__(value=value, placeholder=placeholder, id=id, highlighter=highlighter)


class FormTextArea(KeysInOrder, LiteralTextArea):
    """A text area of a form: enter is a new line, tab goes to the next field."""


class FormButton(KeysInOrder, Button):
    """A form's button (enter presses it, in order with the keys before)."""


class TickBox(KeysInOrder, Checkbox, inherit_bindings=False):
    """A checkbox whose state reads without colour: ☑ ticked, ☐ not ticked. Space ticks
    and unticks it; enter is left to the form (it saves, as from a one-line field)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_button",
            tr("Tick"),
            show=False,
            tooltip=tr("Tick or untick"),
            id="tick",
        )
    ]
    TICKED = "☑"
    UNTICKED = "☐"

    @property
    def _button(self) -> Content:
        # In the label's colour: the sign says the state, whatever the theme's colours.
        return Content.styled(self.TICKED, "bold") if self.value else Content(self.UNTICKED)


def keys_for(widget: Widget | None, save: str | None = None) -> str:
    """What enter and tab do in `widget`, as said at the foot of a form (markup); the
    buttons beside it say `ctrl+s` and `esc`. `save` is the form's verb for saving
    ("save", "log", "create"…, translated by the caller), said for enter in a one-line
    field. The key names stay as they are, in every language."""
    save = save or tr("save")
    if isinstance(widget, OptionList):  # the open list of a drop-down
        return tr("[b]enter[/] pick · [b]esc[/] close the list")
    if isinstance(widget, Input):
        enter = tr("[b]enter[/] {action}", action=save)
    elif isinstance(widget, Checkbox):
        enter = tr("[b]space[/] tick · [b]enter[/] {action}", action=save)
    elif isinstance(widget, Select):
        enter = tr("[b]enter[/] open the list")
    elif isinstance(widget, TextArea):
        enter = tr("[b]enter[/] new line")
    elif isinstance(widget, Button):
        enter = tr("[b]enter[/] press")
    else:
        enter = ""
    return " · ".join(key for key in (enter, tr("[b]tab[/] next field")) if key)


class FormKeys(Static):
    """The foot of a form: what enter does in the focused field, how to save and cancel."""

    def __init__(self, save: str | None = None, *, id: str | None = None) -> None:
        super().__init__(keys_for(None, save), id=id)
        self.save = save

    def show_for(self, widget: Widget | None) -> None:
        self.update(keys_for(widget, self.save))

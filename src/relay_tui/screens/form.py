"""A generic form in a modal: fields described as data, validated as you type.

Each form gives a `check` function (pure: data → errors by field, usually
`schemas.field_errors`) run on every change, and a `submit` function run in a thread
worker when the user saves; a refusal from the service is shown next to its field and
the form stays open, so nothing invalid is saved and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea

from relay_tui.errors import RelayError
from relay_tui.i18n import tr
from relay_tui.screens.messages import StoreChanged, WorkerErrors
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.form_fields import FormButton, FormInput, FormKeys, FormTextArea, TickBox
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst


def version_of(view: object | None) -> dict[str, Any]:
    """What a form sends back with its fields so that a save over someone else's change
    is refused: the version of the record it shows (a view's `version`); nothing for a
    new record (None)."""
    version = getattr(view, "version", None)
    return {} if version is None else {"version": version}


#: "check": a tick box (its value "1" when ticked, "" when not; `data()` gives a bool).
FieldKind = Literal["text", "select", "area", "check"]
#: The longest option label a drop-down shows (options may be titles users typed).
OPTION_LIMIT = 60

#: Service field names (as the command line says them) → the form fields they may be.
SERVICE_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("summary", "text"),
    "start": ("start_on",),
    "delivery": ("delivery_on",),
    "due": ("due_on",),
    "margin": ("margin_days",),
    "review": ("review_on",),
    "on": ("spent_on", "validated_on", "requested_on", "occurred_on", "told_on"),
    "how": ("told_how",),
    "by": ("validated_by",),
    "after": ("after_id",),
    "duration": ("minutes",),
    "budget": ("budget_minutes",),
    "chase_delay": ("chase_delay_days",),
    "reason": ("reason", "override_reason"),
}


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: FieldKind = "text"
    options: Sequence[tuple[str, str]] = ()
    value: str = ""
    placeholder: str = ""
    help: str = ""


Result = TypeVar("Result")


class SavingModal(OwnKeysFirst, WorkerErrors, ModalScreen[Result]):
    """A modal form saved in a thread worker: enter in a one-line field, its save button
    or its `save` key saves, its cancel button or `cancel` key closes without saving. Only
    a valid form is saved (else the bell), and one save at a time: `_saving` stays set
    until the form closes, or until a refusal clears it.

    Usable on a terminal of 80×24 (every form of relay is one of these):
    - its fields sit in a `VerticalScroll` between a head and a foot docked to the top
      and the bottom of the dialog (`form.tcss`), so the foot (`form_foot`: the form's own
      error, what the keys do, Save and Cancel) is always on screen;
    - each field is a `.field` group (label, widget, help, error) scrolled into view, the
      whole group, when its widget gets the focus;
    - `tab` and `shift+tab` move the focus as soon as the app reads the key (priority
      bindings), so what is typed right after lands in the next field, and the fields
      run their own keys in order (`widgets.form_fields.KeysInOrder`);
    - enter saves from a one-line field (and a checkbox, which space ticks), never from a
      drop-down (it opens the list) or a text area (a new line);
    - an error under a field is shown only when there is one (`say`), and wraps.

    A subclass composes its head and fields, then `form_foot`; it names its two buttons
    and gives `validate_form` and `start_save`, which usually hands the service call to
    `save_in_thread`: a refusal is shown (`refused`) and the form stays open, except a
    change made by someone else meanwhile, which closes it and reloads the screen below."""

    BINDING_GROUP_TITLE = tr("Form")
    SAVE_BUTTON: ClassVar[str] = "form-save"
    CANCEL_BUTTON: ClassVar[str] = "form-cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab",
            "app.focus_next",
            tr("Next field"),
            show=False,
            priority=True,
            tooltip=tr("Go to the next field"),
            id="next-field",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            tr("Previous field"),
            show=False,
            priority=True,
            tooltip=tr("Go back to the previous field"),
            id="previous-field",
        ),
        # Reached only from a field that leaves enter alone (a checkbox): a one-line
        # field submits, a drop-down opens, a text area breaks the line, a button presses.
        Binding(
            "enter", "save", tr("Save"), show=False, tooltip=tr("Save the form"), id="enter-save"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saving = False

    def form_foot(self, save_label: str | None = None) -> ComposeResult:
        """The foot of the dialog, docked to its bottom: the form's own error, what the
        keys do in the focused field, and the Save and Cancel buttons (`save_label`, shown
        as given: translated by the caller; "Save" by default)."""
        save_label = save_label or tr("Save")
        with Vertical(id="form-foot"):
            yield Label("", id="form-error", classes="field-error")
            with Horizontal(id="form-bar"):
                yield FormKeys(save_label.lower(), id="form-keys")
                yield FormButton(
                    tr("{action}  ctrl+s", action=save_label),
                    variant="primary",
                    id=self.SAVE_BUTTON,
                    compact=True,
                )
                yield FormButton(tr("Cancel  esc"), id=self.CANCEL_BUTTON, compact=True)

    def say(self, selector: str, message: str) -> None:
        """Show `message` (shown literally) in the error line `selector`; an empty message
        hides the line."""
        line = self.query_one(selector, Label)
        line.update(literal(message))
        line.set_class(bool(message), "-shown")
        focused = self.focused
        if message and focused is not None and _field_of(focused) in line.ancestors:
            # Under the field being typed in: keep it in view with its new error.
            self.call_after_refresh(self._bring_into_view, focused)

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        # Textual centres the widget alone; the form shows its whole field instead.
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        for keys in self.query(FormKeys):
            keys.show_for(self.focused)
        if scroll_visible and widget is not None and widget is self.focused:
            self.call_after_refresh(self._bring_into_view, widget)

    def _bring_into_view(self, widget: Widget) -> None:
        if widget is not self.focused or not widget.is_attached:
            return
        group = _field_of(widget)
        if group is not None:
            group.scroll_visible(animate=False, immediate=True)
        widget.scroll_visible(animate=False, immediate=True)  # a field taller than the view

    def _show_first_error(self) -> None:
        """Refused: scroll the first field in error into view, with its error (the field
        being typed in may be elsewhere, and a row of fields shows its errors under it)."""
        error = next(iter(self.query(".field-error.-shown")), None)
        if error is None:
            return
        group = _field_of(error)
        (group or error).scroll_visible(animate=False, immediate=True)

    def validate_form(self, *, everything: bool = False) -> bool:
        """Show the errors (of every field if `everything`); True when there is none."""
        raise NotImplementedError

    def start_save(self) -> None:
        """Start the worker that saves what the form holds (or close with it)."""
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SAVE_BUTTON:
            self.action_save()
        elif event.button.id == self.CANCEL_BUTTON:
            self.action_cancel()

    def action_save(self) -> None:
        if isinstance(self.focused, OptionList):  # an open drop-down: pick the option
            self.focused.action_select()
            return
        if self._saving:
            return
        if not self.validate_form(everything=True):
            self.app.bell()
            self.call_after_refresh(self._show_first_error)
            return
        self._saving = True
        self.start_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def changed_meanwhile(self, exc: RelayError) -> bool:
        """Whether the save was refused because someone else saved the record since the
        form opened (nothing was written): if so, say it, close, and let the screen below
        reload what is now in the store."""
        if exc.field != "version":
            return False
        self.app.notify(exc.message, title=tr("Changed by someone else"), severity="warning")
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.dismiss(None)
        if below is not None:
            below.post_message(StoreChanged())
        return True

    @work(thread=True, exit_on_error=False, group="form-submit")
    def save_in_thread(self, submit: Callable[[], Any]) -> None:
        """Run `submit` (a call to a service) in a thread worker: close the form with what
        it returns, or show why the service refused and stay open (`refused`)."""
        try:
            result = submit()
        except RelayError as exc:
            self.app.call_from_thread(self._refused, exc)
            return
        self.app.call_from_thread(self.dismiss, result if result is not None else True)

    def _refused(self, exc: RelayError) -> None:
        self._saving = False
        if self.changed_meanwhile(exc):
            return
        self.refused(exc)
        self.app.bell()

    def refused(self, exc: RelayError) -> None:
        """Show why the service refused to save (by default on the form's own error line;
        a form shows it next to the field it names)."""
        self.say("#form-error", str(exc))


def _field_of(widget: Widget) -> Widget | None:
    """The `.field` group (label, widget, help, error) `widget` is part of, if any."""
    group = next((node for node in widget.ancestors_with_self if node.has_class("field")), None)
    return group if isinstance(group, Widget) else None


class FormModal(SavingModal[Any]):
    """The title, intro, labels, help and option labels are shown literally: they may
    quote what users typed (a deliverable, a project or deadline name)."""

    CSS_PATH = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", tr("Cancel"), tooltip=tr("Close without saving"), id="cancel"),
        Binding(
            "ctrl+s", "save", tr("Save"), tooltip=tr("Save the form, from any field"), id="save"
        ),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        *,
        check: Callable[[dict[str, Any]], dict[str, str]],
        submit: Callable[[dict[str, Any]], Any],
        intro: str = "",
        save_label: str | None = None,
        warn: Callable[[dict[str, Any]], dict[str, str]] | None = None,
    ) -> None:
        """`title`, `intro`, the fields' labels and help and `save_label` are shown as
        given: the caller translates them ("Save" by default). `warn` (pure: data →
        warnings by field, translated) is run with `check` on every change: a warning is
        shown under its field but never stops the save (a cycle longer than the planning
        horizon, a date close to the margin)."""
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.check = check
        self.submit = submit
        self.intro = intro
        self.save_label = save_label or tr("Save")
        self.warn = warn
        self.errors: dict[str, str] = {}
        self._touched: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with Vertical(id="form-head"):
                yield Label(literal(self.form_title), id="form-title")
                if self.intro:
                    yield Static(literal(self.intro), id="form-intro")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    with Vertical(id=f"{spec.name}-field", classes="field"):
                        yield Label(literal(spec.label), classes="field-label")
                        yield self._widget(spec)
                        if spec.help:
                            yield Static(literal(spec.help), classes="field-help")
                        yield Label("", id=f"{spec.name}-error", classes="field-error")
                        if self.warn is not None:
                            yield Label("", id=f"{spec.name}-warning", classes="field-warning")
            yield from self.form_foot(self.save_label)
        yield RelayFooter()

    def _widget(self, spec: FormField) -> Input | Select[str] | TextArea | Checkbox:
        if spec.kind == "check":
            return TickBox(literal(spec.placeholder or spec.label), bool(spec.value), id=spec.name)
        if spec.kind == "select":
            values = [value for _, value in spec.options]
            return Select[str](
                [(literal(label, OPTION_LIMIT), value) for label, value in spec.options],
                value=spec.value if spec.value in values else values[0],
                allow_blank=False,
                id=spec.name,
            )
        if spec.kind == "area":
            area = FormTextArea(spec.value, id=spec.name, soft_wrap=True, show_line_numbers=False)
            area.styles.height = 5
            return area
        return FormInput(spec.value, spec.placeholder, id=spec.name)

    def on_mount(self) -> None:
        if self.fields:
            self.query_one(f"#{self.fields[0].name}").focus()
        self._show_warnings()  # what the stored values already call for

    def data(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#{spec.name}")
            if isinstance(widget, Input):
                values[spec.name] = widget.value
            elif isinstance(widget, TextArea):
                values[spec.name] = widget.text
            elif isinstance(widget, Select | Checkbox):
                values[spec.name] = widget.value
        return values

    def validate_form(self, *, everything: bool = False) -> bool:
        errors = self.check(self.data())
        self.errors = errors
        for spec in self.fields:
            shown = everything or spec.name in self._touched
            self.say(f"#{spec.name}-error", errors.get(spec.name, "") if shown else "")
        unknown = [
            tr("{field}: {problem}", field=k, problem=v)
            for k, v in errors.items()
            if k not in self._names()
        ]
        self.say("#form-error", "; ".join(unknown) if everything else "")
        self._show_warnings()
        return not errors

    def _show_warnings(self) -> None:
        if self.warn is None:
            return
        warnings = self.warn(self.data())
        for spec in self.fields:
            line = self.query_one(f"#{spec.name}-warning", Label)
            message = warnings.get(spec.name, "")
            line.update(literal(message))
            line.set_class(bool(message), "-shown")

    def _names(self) -> set[str]:
        return {spec.name for spec in self.fields}

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(
        self, event: Input.Changed | Select.Changed | TextArea.Changed | Checkbox.Changed
    ) -> None:
        widget = event.control if hasattr(event, "control") else None
        if widget is not None and widget.id:
            self._touched.add(widget.id)
        self.validate_form()

    def start_save(self) -> None:
        data = self.data()
        self.save_in_thread(lambda: self.submit(data))

    def refused(self, exc: RelayError) -> None:
        field = exc.field or ""
        candidates = (*SERVICE_FIELDS.get(field, ()), field)
        name = next((c for c in candidates if c in self._names()), "")
        if name:
            self.say(f"#{name}-error", exc.message)
        else:
            super().refused(exc)

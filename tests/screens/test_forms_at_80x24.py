"""The forms on a standard terminal, 80×24 (issue 14, item 3), with Pilot: the focused
field in view, Save and Cancel always on screen, what enter does in each kind of field,
a checkbox that reads without colour, keys sent in a burst landing where they were
typed, error lines that wrap, and the capture's When field taking what its label says.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, TextArea

from relay_tui.db import Store
from relay_tui.screens.capture import CaptureModal
from relay_tui.screens.form import FormModal, SavingModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.project_form import NewProjectScreen
from relay_tui.widgets.form_fields import TickBox
from tests.conftest import FIXED_NOW, table_counts
from tests.screens.helpers import make_app, query_db, running, settle, shown

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SMALL = (80, 24)
YESTERDAY = (FIXED_NOW - timedelta(days=1)).date()
#: The key names of the characters the bursts below type (as the terminal driver says them).
CHARACTER_KEYS = {" ": "space", "-": "minus", "+": "plus", ":": "colon"}


async def open_bakery(pilot: Pilot[Any], phase: str = "d") -> ProjectScreen:
    """From the demo dashboard, the Bakery website (its first row), on `phase`."""
    await settle(pilot)
    for key in ("enter", phase):
        await pilot.press(key)
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    assert screen.sub_title.startswith("Bakery website")
    return screen


async def open_form(pilot: Pilot[Any], *keys: str) -> SavingModal[Any]:
    await settle(pilot)  # the dashboard shows its projects before the first key
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, SavingModal), form
    return form


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """`keys` as a terminal delivers a burst (a paste, tmux send-keys, a fast typist over
    ssh): all queued for the app at once, none waiting for the previous one to be handled.
    One character or a key name each."""
    app = pilot.app
    for key in keys:
        if len(key) == 1:
            event = events.Key(CHARACTER_KEYS.get(key, key), key)
        else:
            event = events.Key(key, "\t" if key == "tab" else "\r" if key == "enter" else None)
        event.set_sender(app)
        app.post_message(event)
    await settle(pilot)


def on_screen(widget: Widget, form: SavingModal[Any]) -> bool:
    """Whether all of `widget` is drawn: inside the dialog, and inside the scrolled
    fields when it is one of them."""
    region = widget.region
    if not region or not form.query_one("#dialog").region.contains_region(region):
        return False
    fields = form.query_one("#form-fields", VerticalScroll)
    return fields not in widget.ancestors or fields.region.contains_region(region)


def field_of(widget: Widget) -> Widget:
    """The `.field` group (label, widget, help, error) the widget belongs to."""
    group = next((node for node in widget.ancestors_with_self if node.has_class("field")), None)
    assert isinstance(group, Widget), widget
    return group


def buttons_on_screen(form: SavingModal[Any]) -> bool:
    return all(on_screen(button, form) for button in form.query("#form-foot Button"))


def keys_said(form: SavingModal[Any]) -> str:
    return " ".join(shown(form.query_one("#form-keys")).split())


# --- 1 and 2: the focused field in view, Save and Cancel always on screen ---------------


@pytest.mark.parametrize(
    ("opener", "fields"),
    [
        pytest.param(
            ("enter", "d", "n"),
            ["title", "kind", "owner", "due_on", "margin_days", "after_id"],
            id="alarm bell",
        ),
        pytest.param(
            ("enter", "b", "w"),
            ["name", "training", "practices", "strengths", "weaknesses", "portfolio"],
            id="craft card",
        ),
        pytest.param(
            ("n",),
            [
                "name",
                "client",
                "kind",
                "start",
                "delivery",
                "budget",
                "client_accountable",
                "event_bound",
                "partial_delivery_ok",
            ],
            id="new project",
        ),
    ],
)
async def test_tab_brings_each_field_into_view_and_the_buttons_stay(
    demo: Store, opener: tuple[str, ...], fields: list[str]
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await settle(pilot)
        form = await open_form(pilot, *opener)
        assert form.focused is not None and form.focused.id == fields[0]
        for name in [*fields[1:], fields[0]]:  # round to the first field again
            await pilot.press("tab")
            while form.focused is not None and form.focused.id != name:  # the buttons
                await pilot.press("tab")
            await settle(pilot)
            widget = form.query_one(f"#{name}")
            assert on_screen(field_of(widget), form), f"{name} is not (all) on screen"
            assert buttons_on_screen(form), f"the buttons are not on screen at {name}"
        labels = [shown(label) for label in form.query(".field-label")]
        assert len(labels) == len(fields)


async def test_save_and_cancel_are_docked_under_a_long_form_and_say_their_keys(
    demo: Store,
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        form = await open_form(pilot, "enter", "b", "p")  # the client's profile: 8 fields
        fields = form.query_one("#form-fields", VerticalScroll)
        assert fields.max_scroll_y > 0  # longer than the screen: it scrolls…
        save, cancel = form.query("#form-foot Button").results(Button)
        assert "ctrl+s" in str(save.label) and "esc" in str(cancel.label)
        for _ in range(3):
            fields.scroll_end(animate=False)
            await settle(pilot)
            assert buttons_on_screen(form)  # …under the buttons, which do not move
            fields.scroll_home(animate=False)
            await settle(pilot)
            assert buttons_on_screen(form)


# --- 3: enter opens a drop-down, saves from a line, breaks a line in a text area ------


async def test_a_phone_call_captured_with_enter_on_the_channel_list_is_stored_as_phone(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "c")
        assert isinstance(form, CaptureModal)
        before = table_counts(db_path)["contact"]
        await pilot.press(*"Marie called back", "tab", "tab")
        channel = form.query_one("#channel", Select)
        assert form.focused is channel
        assert "enter open the list" in keys_said(form)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and channel.expanded  # the list opened: nothing saved
        assert isinstance(form.focused, OptionList)
        assert "enter pick" in keys_said(form)
        await pilot.press("down", "enter")  # email, then phone
        await settle(pilot)
        assert channel.value == "phone" and not channel.expanded
        assert form.focused is channel
        await pilot.press("enter")  # on the list again: it opens, it never saves
        await settle(pilot)
        assert app.screen is form and channel.expanded
        assert table_counts(db_path)["contact"] == before
        await pilot.press("escape")  # closes the list, not the form
        await settle(pilot)
        assert app.screen is form and not channel.expanded
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CaptureModal)
    assert query_db(db_path, "SELECT summary, channel FROM contact ORDER BY id DESC LIMIT 1") == [
        ("Marie called back", "phone")
    ]


async def test_enter_on_a_drop_down_of_a_form_opens_it_and_saves_nothing(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "n")  # a new alarm bell
        before = table_counts(db_path)
        await pilot.press(*"Client sends the logo", "tab")
        kind = form.query_one("#kind", Select)
        assert form.focused is kind
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and kind.expanded
        await pilot.press("escape", "tab", "enter")  # close it; the owner list: opens too
        await settle(pilot)
        owner = form.query_one("#owner", Select)
        assert app.screen is form and owner.expanded and not kind.expanded
        assert table_counts(db_path) == before


async def test_enter_in_a_text_area_is_a_new_line_and_in_a_line_it_saves(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "5", "n")  # a new incident
        assert isinstance(form, FormModal)
        await pilot.press(*"Late texts", "tab", "tab")  # the facts, a text area
        facts = form.query_one("#facts", TextArea)
        assert form.focused is facts
        assert "enter new line" in keys_said(form)
        await pilot.press(*"Asked", "enter", *"Chased")
        await settle(pilot)
        assert app.screen is form
        assert facts.text == "Asked\nChased"
        await pilot.press("tab", "tab")  # the next step, a line
        assert isinstance(form.focused, Input)
        assert "enter save" in keys_said(form)
        await pilot.press(*"Call Marie", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    rows = query_db(
        db_path, "SELECT title, facts, next_step FROM incident WHERE title = ?", "Late texts"
    )
    assert rows == [("Late texts", "Asked\nChased", "Call Marie")]


# --- 4: a checkbox reads without colour -----------------------------------------------


async def test_a_tick_box_shows_its_state_as_a_sign(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "c")
        inbound = form.query_one("#inbound", TickBox)
        assert shown(inbound).strip() == "☐ From the client (in)"
        await pilot.press(*"Marie wrote", "tab", "tab", "tab")
        assert form.focused is inbound
        assert "space tick" in keys_said(form)
        await pilot.press("space")
        await settle(pilot)
        assert shown(inbound).strip() == "☑ From the client (in)"
        assert shown(form.query_one("#awaiting", TickBox)).strip() == "☐ Awaiting a reply"
        await pilot.press("enter")  # on a tick box, enter saves (space ticks)
        await settle(pilot)
        assert not isinstance(app.screen, CaptureModal)
    assert query_db(db_path, "SELECT direction FROM contact ORDER BY id DESC LIMIT 1") == [("in",)]


# --- 5: keys sent in a burst land where they were typed --------------------------------


async def test_what_is_typed_right_after_tab_lands_in_the_next_field(
    store: Store, db_path: Path
) -> None:
    app = make_app(store)
    async with running(app, SMALL) as pilot:
        form = await open_form(pilot, "n")
        assert isinstance(form, NewProjectScreen)
        await burst(pilot, *"Shop redesign", "tab", *"Ada Client")
        assert form.query_one("#name", Input).value == "Shop redesign"
        assert form.query_one("#client-name", Input).value == "Ada Client"
        assert "Ada Client" in shown(form.query_one("#client-name"))
        await burst(pilot, "tab", "tab", "tab", *"+6w", "shift+tab", *"today")  # delivery, start
        assert form.query_one("#start", Input).value == "today"
        assert form.query_one("#delivery", Input).value == "+6w"
        await pilot.press("ctrl+s")
        await settle(pilot)
    rows = query_db(
        db_path,
        "SELECT project.name, client.name, project.start_on FROM project"
        " JOIN client ON client.id = project.client_id",
    )
    assert rows == [("Shop redesign", "Ada Client", FIXED_NOW.date().isoformat())]


async def test_editing_keys_in_a_burst_apply_in_order(demo: Store, db_path: Path) -> None:
    """ctrl+u then a date, then enter: the field holds the date when it is saved (it was
    saved empty: ctrl+u ran after the date was typed)."""
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await settle(pilot)
        form = await open_form(pilot, "T")  # log time
        await pilot.press(*"45m", "tab", "tab", "tab")
        day = form.query_one("#spent_on", Input)
        assert form.focused is day and day.value == "today"
        await burst(pilot, "ctrl+u", *"yesterday", "enter")
        assert not isinstance(app.screen, FormModal)
    assert query_db(
        db_path, "SELECT minutes, spent_on FROM time_entry ORDER BY id DESC LIMIT 1"
    ) == [(45, YESTERDAY.isoformat())]


async def test_a_correction_typed_in_a_burst_is_kept(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "c")
        await burst(pilot, *"Callz", "backspace", *"ed Marie", "tab", "tab", "tab", "space")
        assert form.query_one("#text", Input).value == "Called Marie"
        assert form.query_one("#inbound", TickBox).value is True
        await burst(pilot, "shift+tab", "shift+tab", "shift+tab", "end", *" back", "enter")
        assert not isinstance(app.screen, CaptureModal)
    assert query_db(db_path, "SELECT summary, direction FROM contact ORDER BY id DESC LIMIT 1") == [
        ("Called Marie back", "in")
    ]


# --- 6: error lines wrap ----------------------------------------------------------------


async def test_a_long_error_wraps_under_its_field(demo: Store) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "c")
        assert isinstance(form, CaptureModal)
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"sometime after the big meeting")
        await settle(pilot)
        error = form.query_one("#at-error", Label)
        message = form.errors["at"]
        assert len(message) > error.region.width  # longer than a line…
        assert error.region.height >= 2  # …so it takes two
        assert " ".join(shown(error).split()) == " ".join(message.split())  # all of it
        assert on_screen(error, form)


async def test_save_refused_brings_the_first_error_into_view(demo: Store, db_path: Path) -> None:
    """A wrong delivery date, then the cursor back up in the name: ctrl+s saves nothing
    and scrolls to the date row, its error under it in full view."""
    before = table_counts(db_path)
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        form = await open_form(pilot, "n")
        await burst(pilot, *"Shop", "tab", *"Marie Lambert", "tab", "tab", *"1/12", "tab")
        await burst(pilot, *"15/13", "tab", *"40h")
        for _ in range(5):
            await pilot.press("shift+tab")
        await settle(pilot)
        error = form.query_one("#delivery-error", Label)
        assert not on_screen(error, form)  # the name field is in view, the dates are not
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewProjectScreen)  # refused: still open
        assert "15/13" in shown(error)
        assert on_screen(error, form)
    assert table_counts(db_path) == before


# --- 7: the capture's When field takes what its label says ------------------------------


@pytest.mark.parametrize(
    ("when", "stored"),
    [
        ("yesterday 10:00", f"{YESTERDAY} 10:00:00"),
        ("hier 9h", f"{YESTERDAY} 09:00:00"),
        ("9:30", f"{FIXED_NOW.date()} 09:30:00"),
        ("2026-11-20 09:15", "2026-11-20 09:15:00"),
    ],
)
async def test_the_when_field_takes_what_its_label_suggests(
    demo: Store, db_path: Path, when: str, stored: str
) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery(pilot)
        form = await open_form(pilot, "c")
        assert "yesterday 10:00" in shown(form.query_one("#at-field .field-label"))
        await pilot.press(*"Call", *["tab"] * 5, *when)
        await settle(pilot)
        assert form.errors == {}
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CaptureModal)
    [(at,)] = query_db(db_path, "SELECT at FROM contact WHERE summary = 'Call'")
    assert at.startswith(stored)  # TZ=UTC in the tests: local time is UTC

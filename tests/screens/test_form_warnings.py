"""The generic form's tick boxes and warnings: a tick box gives a bool, a warning shows
under its field as the value changes and never stops the save."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Label

from relay_tui.screens.form import FormField, FormModal
from relay_tui.widgets.form_fields import TickBox


def _warn(data: dict[str, Any]) -> dict[str, str]:
    days = data.get("days", "")
    if days.isdigit() and int(days) > 21:
        return {"days": "Beyond three weeks no planning holds."}
    return {}


class FormApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.saved: list[dict[str, Any]] = []

    def on_mount(self) -> None:
        fields = [
            FormField("days", "Cycle length", value="30"),
            FormField("ticked", "A tick box", "check", value=""),
        ]
        self.push_screen(
            FormModal("Frame", fields, check=lambda data: {}, submit=self.saved.append, warn=_warn)
        )


async def test_a_warning_follows_the_value_and_the_form_still_saves() -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormModal)
        warning = form.query_one("#days-warning", Label)
        assert warning.has_class("-shown")  # the stored value already calls for it
        assert "three weeks" in str(warning.render())
        await pilot.press("backspace", "backspace", "1", "4")
        assert not warning.has_class("-shown")
        await pilot.press("3", "0")  # 1430 days
        assert warning.has_class("-shown")
        await pilot.press("tab", "space")
        assert form.query_one("#ticked", TickBox).value is True
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.saved == [{"days": "1430", "ticked": True}]


async def test_a_form_without_warnings_has_no_warning_lines() -> None:
    class Plain(App[None]):
        def on_mount(self) -> None:
            self.push_screen(
                FormModal("Plain", [FormField("days", "Days")], check=lambda d: {}, submit=print)
            )

    app = Plain()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.screen.query(".field-warning")) == 0

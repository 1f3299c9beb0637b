"""Back from a project, the dashboard is shown as it was built: it loads again only when
the store (or the day) changed meanwhile (issue 18: on 10,000 projects a reload on each
return held the screen)."""

from __future__ import annotations

from relay_tui.db import Store
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.services.contacts import capture
from tests.conftest import FIXED_NOW
from tests.screens.helpers import make_app, running, settle


async def test_back_from_a_project_the_dashboard_loads_again_only_after_a_change(
    demo: Store,
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        built = dashboard.rows
        bakery = next(row for row in built if row.name == "Bakery website")
        assert built[0] is bakery  # the first line, where the cursor is

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dashboard
        assert dashboard.rows is built  # nothing changed: not loaded again

        await pilot.press("enter")
        await settle(pilot)
        # A write meanwhile (as the project screen's forms make): back, it loads again.
        capture(
            demo,
            {"project": "Bakery", "summary": "Sent the invoice", "awaiting_reply": True},
            now=FIXED_NOW,
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dashboard
        assert dashboard.rows is not built
        awaiting = {row.name: row.awaiting for row in dashboard.rows}
        assert awaiting["Bakery website"] == bakery.awaiting + 1

"""Static renderings for the before phase: profile bars and the influence/interest grid."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from relay_tui.domain.before import quadrant
from relay_tui.domain.compatibility import AXES, CLIENT_TRAITS, ProfileValues, bar
from relay_tui.widgets.labels import literal


def profile_bars(client: ProfileValues, provider: ProfileValues) -> RenderableType:
    """Both profiles side by side, one bar per axis.

    LEAD: still writes its colour by name (cyan); it should take the caller's tone
    function, like `labels.status_text`, once screens/before.py (not of this change)
    passes `self.tone`: `profile_bars(client, provider, tone)`, styled tone("inbound")."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim")
    table.add_column()
    table.add_column()
    table.add_column(style="dim")
    table.add_row("", Text("Client", style="bold"), Text("Me", style="bold"), "")
    for name, low, high in AXES:
        table.add_row(low, _bar(getattr(client, name)), _bar(getattr(provider, name)), high)
    table.add_row(
        "channel",
        Text(client.channel or "?", style="cyan"),
        Text(provider.channel or "?", style="cyan"),
        "",
    )
    for name, low, high in CLIENT_TRAITS:
        table.add_row(low, _bar(getattr(client, name)), Text(""), high)
    return table


def _bar(value: int | None) -> Text:
    if value is None:
        return Text(bar(None), style="dim")
    return Text(bar(value), style="cyan")


QUADRANT_ORDER = (
    ("keep satisfied", "manage closely"),
    ("monitor", "keep informed"),
)


def influence_grid(people: Sequence[tuple[str, int, int]], width: int = 30) -> RenderableType:
    """Influence up, interest across; each person placed in their quadrant."""
    cells: dict[str, list[str]] = {q: [] for row in QUADRANT_ORDER for q in row}
    for name, influence, interest in people:
        cells[quadrant(influence, interest)].append(f"{name} ({influence}/{interest})")
    table = Table(show_header=False, show_lines=True, expand=False, padding=(0, 1))
    table.add_column(width=width)
    table.add_column(width=width)
    for row in QUADRANT_ORDER:
        rendered = []
        for q in row:
            text = Text(q.upper(), style="bold")
            for person in cells[q] or ["—"]:
                text.append("\n")
                text.append_text(literal(person, width))
            rendered.append(text)
        table.add_row(*rendered)
    caption = Text("↑ influence (high at the top) · interest → (high on the right)", style="dim")
    grid = Table.grid()
    grid.add_row(table)
    grid.add_row(caption)
    return grid

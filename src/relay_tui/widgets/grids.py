"""Static renderings for the before phase: profile bars and the influence/interest grid."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from relay_tui.domain.before import quadrant
from relay_tui.domain.compatibility import AXES, CLIENT_TRAITS, ProfileValues, bar
from relay_tui.i18n import N_, tr
from relay_tui.stored_words import channel as channel_label
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tones import ToneOf


def profile_bars(client: ProfileValues, provider: ProfileValues, tone: ToneOf) -> RenderableType:
    """Both profiles side by side, one bar per axis (in the caller's `inbound` tone)."""
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim")
    table.add_column()
    table.add_column()
    table.add_column(style="dim")
    # The words of the axes are `domain.compatibility`'s, translated here.
    table.add_row("", Text(tr("Client"), style="bold"), Text(tr("Me"), style="bold"), "")
    for name, low, high in AXES:
        table.add_row(
            tr(low),
            _bar(getattr(client, name), tone),
            _bar(getattr(provider, name), tone),
            tr(high),
        )
    table.add_row(
        tr("channel"),
        Text(channel_label(client.channel or "?"), style=tone("inbound")),
        Text(channel_label(provider.channel or "?"), style=tone("inbound")),
        "",
    )
    for name, low, high in CLIENT_TRAITS:
        table.add_row(tr(low), _bar(getattr(client, name), tone), Text(""), tr(high))
    return table


def _bar(value: int | None, tone: ToneOf) -> Text:
    if value is None:
        return Text(bar(None), style="dim")
    return Text(bar(value), style=tone("inbound"))


QUADRANT_ORDER = (
    ("keep satisfied", "manage closely"),
    ("monitor", "keep informed"),
)
#: Each quadrant (`domain.before.quadrant`) in words, in English.
QUADRANT_LABELS = {
    "keep satisfied": N_("keep satisfied"),
    "manage closely": N_("manage closely"),
    "monitor": N_("monitor"),
    "keep informed": N_("keep informed"),
}


def influence_grid(people: Sequence[tuple[str, int, int]]) -> RenderableType:
    """Influence up, interest across; each person placed in their quadrant. The grid
    takes the width it is given (two equal columns); a long name ends with "…"."""
    cells: dict[str, list[str]] = {q: [] for row in QUADRANT_ORDER for q in row}
    for name, influence, interest in people:
        cells[quadrant(influence, interest)].append(f"{name} ({influence}/{interest})")
    table = Table(show_header=False, show_lines=True, expand=True, padding=(0, 1))
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for row in QUADRANT_ORDER:
        rendered = []
        for q in row:
            text = Text(tr(QUADRANT_LABELS[q]).upper(), style="bold")
            for person in cells[q] or ["—"]:
                text.append("\n")
                text.append_text(literal(person))
            rendered.append(text)
        table.add_row(*rendered)
    caption = Text(tr("↑ more influence · more interest →"), style="dim")
    grid = Table.grid(expand=True)
    grid.add_row(table)
    grid.add_row(caption)
    return grid

"""What the tabs of the during phase share: the keys several of them offer (n new, e edit,
h chase), each declared once here with its id and tooltip, and chasing (the message in
its window, `screens.chase`, then the chase logged)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from relay_tui.i18n import tr, trp
from relay_tui.screens.phase_pane import PhaseTab

if TYPE_CHECKING:
    from collections.abc import Iterable

    from relay_tui.screens.chase import ChaseOutcome
    from relay_tui.widgets.tables import Column

NEW = Binding(
    "n",
    "new",
    trp("a new record", "New"),
    id="during-new",
    tooltip=tr("A new alarm bell, or a new validation request"),
)
EDIT = Binding(
    "e", "edit", tr("Edit"), id="during-edit", tooltip=tr("Edit the selected alarm bell")
)


def sentence(text: str, style: str = "", **parts: Text) -> Text:
    """A translated sentence with Rich `parts` in it (user text shown literally, with its
    own style; the words around them in `style`): each `{name}` of `text` is the part of
    that name, wherever the language puts it. Translate with the placeholders kept:
    `sentence(tr("… {title} …", title="{title}"), title=literal(...))`."""
    out = Text()
    rest = text
    while rest:
        start = rest.find("{")
        end = rest.find("}", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            break
        name = rest[start + 1 : end]
        if name in parts:
            out.append(rest[:start], style=style)
            out.append_text(parts[name])
        else:
            out.append(rest[: end + 1], style=style)
        rest = rest[end + 1 :]
    out.append(rest, style=style)
    return out


def translated(columns: Iterable[Column]) -> tuple[Column, ...]:
    """`columns` (their titles marked with `N_`) with their titles in the app's language."""
    return tuple(replace(column, label=tr(column.label)) for column in columns)


def edit_binding(tooltip: str) -> Binding:
    """`EDIT` on a tab whose lines are not alarm bells: `tooltip` says what it edits."""
    return replace(EDIT, tooltip=tooltip)


#: Offered by every tab but the incidents (a dispute is not chased).
CHASE = Binding(
    "h",
    "chase",
    tr("Chase"),
    id="during-chase",
    tooltip=tr("Chase: a message ready to copy or mail, and the chase logged when used"),
)


class DuringTab(PhaseTab):
    """A tab of the during phase."""

    def action_chase(self) -> None:
        """The chase message, in its window: the chase is logged when it is used."""
        from relay_tui.screens.chase import propose_chase

        propose_chase(self, self.relay, self.project_id, self._log_chase)

    def _log_chase(self, outcome: ChaseOutcome) -> None:
        from relay_tui.services.chasing import log_chase

        pid, now = self.project_id, self.relay.now()
        subject, channel = outcome.subject, outcome.channel
        self._write(
            lambda store: log_chase(store, pid, note=subject, channel=channel, now=now),
            outcome.said,
        )

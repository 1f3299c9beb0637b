"""The craft card: how I work, explained once for every client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relay_tui.db import Store
from relay_tui.i18n import N_
from relay_tui.models import CraftCard
from relay_tui.schemas import CraftCardInput
from relay_tui.services.common import check_version, now_utc, validate_edit


def get_craft_card(store: Store) -> CraftCard:
    with store.read() as session:
        return session.get(CraftCard, 1) or CraftCard(id=1)


def save_craft_card(store: Store, data: dict[str, Any]) -> CraftCard:
    clean, version = validate_edit(CraftCardInput, data)
    with store.write() as session:
        found = session.get(CraftCard, 1)
        if found is not None:
            check_version(found, version, N_("craft card"))
        row = found or CraftCard(id=1)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        row.updated_at = now_utc()
        session.add(row)
        return row


@dataclass(frozen=True)
class CraftView:
    """The provider's craft card (one per store)."""

    version: int
    name: str
    training: str
    practices: str
    strengths: str
    weaknesses: str
    portfolio: str

"""Tables that belong to this store alone, never exported (unlike `models.ALL_TABLES`):
its own id and the reminders it already showed."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class StoreMeta(SQLModel, table=True):
    """A fact about the store itself: `store_id` (a random hex id, set when the store is
    created or upgraded) makes the calendar's UIDs unique to this store."""

    __tablename__ = "store_meta"

    key: str = Field(sa_type=sa.String(40), primary_key=True)
    value: str = Field(sa_type=sa.Text)


class ReminderSent(SQLModel, table=True):
    """A reminder `relay remind --notify` showed on `day`: it is not shown again that day.
    `item` is the reminder's key (its kind and the row it is about)."""

    __tablename__ = "reminder_sent"

    day: date = Field(primary_key=True)
    item: str = Field(sa_type=sa.String(200), primary_key=True)

"""Where the user already works: the Message-ID of a contact captured from a mail (so
the same message is never logged twice), the reminders already shown today (never the
same one twice a day), and the store's own id (calendar UIDs unique per store).

Revision ID: 0010_outside
Revises: 0009_method
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_outside"
down_revision: str | None = "0009_method"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("contact", sa.Column("message_id", sa.Text(), nullable=True))
    op.create_index("ux_contact_message_id", "contact", ["message_id"], unique=True)
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.bulk_insert(
        sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
        [{"key": "store_id", "value": uuid.uuid4().hex}],
    )
    op.create_table(
        "reminder_sent",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("item", sa.String(200), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("reminder_sent")
    op.drop_table("store_meta")
    op.drop_index("ux_contact_message_id", "contact")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("message_id")

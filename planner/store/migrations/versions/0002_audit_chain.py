"""audit trail as a hash chain

Revision ID: 0002
Revises: 0001_baseline
Create Date: 2026-12-06 04:00:00

Adds ``audit_event.hash`` and chains the events already in the file, oldest first, so an
upgraded workspace is verifiable from here on (what happened before the upgrade is
vouched for only by the upgrade itself).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from planner.store.audit_chain import GENESIS, event_digest

revision = "0002"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT seq, at, actor, operation, entity_type, entity_id, system_id, before,"
            " after, app_version FROM audit_event ORDER BY seq"
        )
    ).mappings()
    previous = GENESIS
    links = []
    for row in rows:
        previous = event_digest(previous, row)
        links.append({"s": row["seq"], "h": previous})
    if links:
        connection.execute(sa.text("UPDATE audit_event SET hash = :h WHERE seq = :s"), links)


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("hash")

"""row versions: a version number on every row, raised by each write (optimistic concurrency)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Every table with an Entity row (the audit trail and alembic_version have no versions).
TABLES = (
    "workspace_info",
    "team",
    "person",
    "ai_system",
    "data_source",
    "activity",
    "raci_assignment",
    "support_tier",
    "escalation_chain",
    "escalation_level",
    "escalation_target",
    "document",
    "retraining_plan",
    "monitoring_signal",
    "human_review_rule",
    "governance_control",
    "readiness_criterion",
    "baseline",
    "sign_off",
    "action_item",
)


def upgrade() -> None:
    for table in TABLES:
        # Adding a column needs no table rebuild on SQLite: batch mode alters in place.
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")

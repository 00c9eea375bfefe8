"""review fields: the facts and oversight fields the reviewer's rules need; sign-off overrides

Revision ID: 0004
Revises: 0001_baseline
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ai_system", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("processes_personal_data", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("customer_facing", sa.Boolean(), nullable=False, server_default="0")
        )
        for name in ("fallback_procedure", "decommissioning_plan", "transparency_notice"):
            batch_op.add_column(
                sa.Column(name, sa.String(length=1_000_000), nullable=False, server_default="")
            )
        batch_op.add_column(sa.Column("log_retention_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("overseer_id", sa.String(length=36), nullable=True))
        batch_op.add_column(
            sa.Column(
                "overseer_training", sa.String(length=1_000_000), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column("overseer_can_stop", sa.Boolean(), nullable=False, server_default="0")
        )
        batch_op.create_foreign_key(
            "fk_ai_system_overseer_id_person", "person", ["overseer_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("sign_off", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("override_reason", sa.String(length=2000), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_off", schema=None) as batch_op:
        batch_op.drop_column("override_reason")
    with op.batch_alter_table("ai_system", schema=None) as batch_op:
        batch_op.drop_constraint("fk_ai_system_overseer_id_person", type_="foreignkey")
        for name in (
            "overseer_can_stop",
            "overseer_training",
            "overseer_id",
            "log_retention_days",
            "transparency_notice",
            "decommissioning_plan",
            "fallback_procedure",
            "customer_facing",
            "processes_personal_data",
        ):
            batch_op.drop_column(name)

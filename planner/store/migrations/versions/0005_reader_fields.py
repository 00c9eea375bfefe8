"""reader fields: severity definitions, dashboards, resolution targets, when a case moves up

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS, severity_field

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing workspaces get the default wording, so their packs say what a SEV1 is at once.
    with op.batch_alter_table("workspace_info", schema=None) as batch_op:
        for severity, text in DEFAULT_SEVERITY_DEFINITIONS.items():
            batch_op.add_column(
                sa.Column(
                    severity_field(severity),
                    sa.String(length=2000),
                    nullable=False,
                    server_default=text,
                )
            )
    with op.batch_alter_table("ai_system", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dashboards", sa.String(length=2000), nullable=False, server_default="")
        )
    with op.batch_alter_table("support_tier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolution_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("escalate_when", sa.String(length=2000), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("support_tier", schema=None) as batch_op:
        batch_op.drop_column("escalate_when")
        batch_op.drop_column("resolution_minutes")
    with op.batch_alter_table("ai_system", schema=None) as batch_op:
        batch_op.drop_column("dashboards")
    with op.batch_alter_table("workspace_info", schema=None) as batch_op:
        for severity in reversed(DEFAULT_SEVERITY_DEFINITIONS):
            batch_op.drop_column(severity_field(severity))

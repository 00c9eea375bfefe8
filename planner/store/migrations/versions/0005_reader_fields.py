"""reader fields: severity definitions, dashboards, resolution targets, when a case moves up

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The wording this revision gives existing workspaces, frozen here: the app's defaults
# (domain/severities.py) may be reworded or gain a severity later, and a revision must do
# the same every time it runs.
DEFINITIONS = {
    "sev1_definition": (
        "The service is down or giving harmful or wrong results to many users, or "
        "personal data may be exposed. Act now, day or night."
    ),
    "sev2_definition": (
        "A major function is broken or degraded for many users and there is no "
        "workaround. Act within the support hours, the same day."
    ),
    "sev3_definition": (
        "A minor fault, or one user affected, or a workaround exists. Handle it as an "
        "ordinary ticket."
    ),
    "sev4_definition": "A question, a cosmetic problem or a request for a change. No incident.",
}


def upgrade() -> None:
    # Existing workspaces get the default wording, so their packs say what a SEV1 is at once.
    with op.batch_alter_table("workspace_info", schema=None) as batch_op:
        for column, text in DEFINITIONS.items():
            batch_op.add_column(
                sa.Column(
                    column,
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
        for column in reversed(DEFINITIONS):
            batch_op.drop_column(column)

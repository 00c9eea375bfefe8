"""offline copies: where a copy came from and the state it forked from

Revision ID: 0007
Revises: 0006

A workspace copied to a file records its source, the source's audit head and every plan
row at that moment, so its offline changes can be merged back (see store/offline.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offline_origin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=2048), nullable=False),
        sa.Column("source_seq", sa.Integer(), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("copy_seq", sa.Integer(), nullable=False),
        sa.Column("forked_at", sa.DateTime(), nullable=False),
        sa.Column("brought_back_at", sa.DateTime(), nullable=True),
        sa.Column("base", sa.LargeBinary(), nullable=False),
        sa.Column("previous_source_seq", sa.Integer(), nullable=True),
        sa.Column("previous_source_hash", sa.String(length=64), nullable=True),
        sa.Column("previous_copy_seq", sa.Integer(), nullable=True),
        sa.Column("previous_base", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("offline_origin")

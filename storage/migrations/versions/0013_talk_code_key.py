"""The deployment's own secret for the talk codes (T-nnnnnnn) when it has no PIN_KEY: without
it the codes were keyed by a constant anyone reading the source could use to decode a code to
its request id (storage/talk_key.py).

- talk_code_key: one row (id 1), made by the first process that needs it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('talk_code_key',
                    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.PrimaryKeyConstraint('id'))


def downgrade() -> None:
    op.drop_table('talk_code_key')

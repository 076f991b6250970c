"""The complaint whose reply (/balas) opened a talk-to-officer request: the group reads the
person's answer under that complaint's ticket, whatever the complaint. It was found by the
reply's trail event at the request's opening minute, which two replies in the same instant
made ambiguous.

- contact_requests.asked_on_id: the complaint's id (no foreign key: SQLite cannot add one).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of contact_requests: contact_relays points at it).
    op.add_column('contact_requests', sa.Column('asked_on_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('contact_requests', 'asked_on_id')

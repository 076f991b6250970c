"""A talk-to-officer request that reported a levy, a broker, a bribe or an officer's conduct is
for the leaders only, and so is every later talk of the same person: kept as a flag, because
the texts that showed it are emptied by retention and erasure.

- contact_requests.leaders_only: set when such a message is relayed to the request.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy of contact_requests: contact_relays points at it).
    op.add_column('contact_requests', sa.Column('leaders_only', sa.Boolean(), nullable=False,
                                                server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('contact_requests', 'leaders_only')

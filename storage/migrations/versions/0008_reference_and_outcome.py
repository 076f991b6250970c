"""The application or permit number a complaint refers to, and the outcome the person wants.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): SQLite keeps the table and its neighbours' triggers.
    op.add_column('complaints', sa.Column('reference_number', sa.String(length=100), nullable=True))
    op.add_column('complaints', sa.Column('desired_outcome', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('complaints', 'desired_outcome')
    op.drop_column('complaints', 'reference_number')

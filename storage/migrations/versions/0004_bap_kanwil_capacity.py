"""BAP number and date, the report to the Kanwil, and the capacity an approval was given in.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

COLUMNS = (
    ('bap_number', sa.String(length=120)), ('bap_date', sa.Date()),
    ('kanwil_reported_on', sa.Date()), ('kanwil_means', sa.String(length=60)),
    ('kanwil_reference', sa.String(length=200)),
)


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): SQLite keeps the tables, and stage_events its triggers.
    for name, kind in COLUMNS:
        op.add_column('complaints', sa.Column(name, kind, nullable=True))
    op.add_column('stage_events', sa.Column('capacity', sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column('stage_events', 'capacity')
    for name, _ in reversed(COLUMNS):
        op.drop_column('complaints', name)

"""Sent deadline notices, letter numbers per year, ratings and external tracking ids.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
COLUMNS = (
    ('external_id', sa.String(length=100)), ('letter_number', sa.String(length=120)),
    ('letter_year', sa.Integer()), ('letter_seq', sa.Integer()), ('letter_at', UTC),
    ('rating', sa.Integer()), ('rating_comment', sa.Text()), ('rated_at', UTC),
)


def upgrade() -> None:
    op.create_table('sent_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('due_at', UTC, nullable=False),
    sa.Column('sent_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_sent_notices_complaint_id', 'sent_notices', ['complaint_id'])
    op.create_table('letter_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    # Plain ADD COLUMN (no batch copy): SQLite keeps the tables, and stage_events its triggers.
    for name, kind in COLUMNS:
        op.add_column('complaints', sa.Column(name, kind, nullable=True))
    op.create_index('uq_complaint_letter', 'complaints', ['letter_year', 'letter_seq'],
                    unique=True)


def downgrade() -> None:
    op.drop_index('uq_complaint_letter', table_name='complaints')
    for name, _ in reversed(COLUMNS):
        op.drop_column('complaints', name)
    op.drop_table('letter_counters')
    op.drop_index('ix_sent_notices_complaint_id', table_name='sent_notices')
    op.drop_table('sent_notices')

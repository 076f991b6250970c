"""The desk's flow: deputies for an absent head of office, the step-9 message, office-wide marks.

- leader_absences: the head of office marked away (/plh, /cuti) and the deputy who signs.
- complaints.outcome_message: what step 9 told the complainant (its own text, confirmed).
- sent_notices.complaint_id nullable: once-only marks about no single complaint (the daily
  digest, an officer the bot cannot reach).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'leader_absences',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('officer_id', sa.String(length=64), nullable=False),
        sa.Column('deputy_id', sa.String(length=64), nullable=False),
        sa.Column('capacity', sa.String(length=10), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('set_by', sa.String(length=100), nullable=False),
        sa.Column('ended_by', sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_leader_absences_open', 'leader_absences', ['ended_at', 'id'])
    # Plain ADD COLUMN (no batch copy of complaints: other tables point at it).
    op.add_column('complaints', sa.Column('outcome_message', sa.Text(), nullable=True))
    with op.batch_alter_table('sent_notices') as batch:     # nothing points at sent_notices
        batch.alter_column('complaint_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM sent_notices WHERE complaint_id IS NULL")
    with op.batch_alter_table('sent_notices') as batch:
        batch.alter_column('complaint_id', existing_type=sa.Integer(), nullable=False)
    op.drop_column('complaints', 'outcome_message')
    op.drop_index('ix_leader_absences_open', table_name='leader_absences')
    op.drop_table('leader_absences')

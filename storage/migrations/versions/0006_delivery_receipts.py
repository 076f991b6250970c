"""Delivery receipts (Twilio StatusCallback) on outbox messages.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('delivery_status', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('delivery_error', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('delivery_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index('ix_outbox_provider_id', ['provider_id'])


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_index('ix_outbox_provider_id')
        batch.drop_column('delivery_at')
        batch.drop_column('delivery_error')
        batch.drop_column('delivery_status')

"""The messages a person sent to a talk-to-officer request, and the group message that carried
each one (relays are batched: a few officers' messages per request per minute at most).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('contact_relays',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('request_id', sa.Integer(), nullable=False),
                    sa.Column('message_id', sa.Integer(), nullable=False),
                    sa.Column('outbox_id', sa.Integer(), nullable=True),
                    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['request_id'], ['contact_requests.id']),
                    sa.ForeignKeyConstraint(['message_id'], ['messages.id']),
                    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id']),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_contact_relays_request_id', 'contact_relays', ['request_id'])


def downgrade() -> None:
    op.drop_index('ix_contact_relays_request_id', table_name='contact_relays')
    op.drop_table('contact_relays')

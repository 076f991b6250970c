"""Outbox, officer action log, chat migrations, and the SOP workflow columns of a complaint.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:43:55.925813
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('chat_migrations',
    sa.Column('old_chat_id', sa.String(length=64), nullable=False),
    sa.Column('new_chat_id', sa.String(length=64), nullable=False),
    sa.Column('at', UTC, nullable=False),
    sa.PrimaryKeyConstraint('old_chat_id')
    )
    op.create_table('officer_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', UTC, nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.String(length=64), nullable=False),
    sa.Column('actor_name', sa.String(length=200), nullable=True),
    sa.Column('actor_role', sa.String(length=40), nullable=True),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('ticket', sa.String(length=40), nullable=True),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('allowed', sa.Boolean(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('officer_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_actions_complaint_id'), ['complaint_id'],
                              unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('complainant_id', sa.Integer(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', UTC, nullable=False),
    sa.Column('locked_until', UTC, nullable=True),
    sa.Column('locked_by', sa.String(length=100), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('provider_id', sa.String(length=100), nullable=True),
    sa.Column('created_at', UTC, nullable=False),
    sa.Column('sent_at', UTC, nullable=True),
    sa.ForeignKeyConstraint(['complainant_id'], ['complainants.id'], ),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], ),
    sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_chat', ['channel', 'address', 'id'], unique=False)
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)

    # Plain ADD COLUMN (no batch copy): SQLite keeps the tables, and stage_events its triggers.
    op.add_column('complaints', sa.Column('section', sa.String(length=40), nullable=True))
    op.add_column('complaints', sa.Column('assigned_to', sa.String(length=100), nullable=True))
    op.add_column('complaints', sa.Column('verdict', sa.String(length=20), nullable=True))
    op.add_column('complaints', sa.Column('follow_up', sa.String(length=20), nullable=True))
    op.add_column('complaints', sa.Column('due_at', UTC, nullable=True))
    op.add_column('stage_events', sa.Column('action', sa.String(length=30), nullable=True))
    _append_only('officer_actions')


def _append_only(table: str) -> None:
    """The table refuses UPDATE and DELETE at the database level."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION {table}_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{table} is append-only'; END;
            $$ LANGUAGE plpgsql""")
        op.execute(f"""
            CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""")
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")


def _drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def downgrade() -> None:
    _drop_append_only('officer_actions')
    # Plain DROP COLUMN (SQLite >= 3.35): a batch copy would lose stage_events' triggers and
    # cannot drop `complaints` while other rows reference it.
    op.drop_column('stage_events', 'action')
    for column in ('due_at', 'follow_up', 'verdict', 'assigned_to', 'section'):
        op.drop_column('complaints', column)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')
        batch_op.drop_index('ix_outbox_chat')
    op.drop_table('outbox')
    with op.batch_alter_table('officer_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_actions_complaint_id'))
    op.drop_table('officer_actions')
    op.drop_table('chat_migrations')

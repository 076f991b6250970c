"""Kept files: stored documents (drafts, uploads, signed copies), downloads, stored evidence.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
ATTACHMENT_COLUMNS = (
    ('fetch_status', sa.String(length=20)), ('sha256', sa.String(length=64)),
    ('size', sa.Integer()), ('stored_path', sa.String(length=200)), ('stored_at', UTC),
)


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_path', sa.String(length=200), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('snapshot', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_documents_complaint', 'documents', ['complaint_id', 'role', 'id'])
    op.create_table('downloads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('ref', sa.Text(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', UTC, nullable=False),
    sa.Column('locked_until', UTC, nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', UTC, nullable=False),
    sa.Column('finished_at', UTC, nullable=True),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], ),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_downloads_due', 'downloads', ['status', 'next_attempt_at'])
    for name, kind in ATTACHMENT_COLUMNS:
        op.add_column('attachments', sa.Column(name, kind, nullable=True))
    # A kept document (above all a signed copy) is never rewritten; retention may delete it.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            CREATE FUNCTION documents_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'documents is append-only'; END; $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents "
                   "FOR EACH ROW EXECUTE FUNCTION documents_append_only()")
    else:
        op.execute("""
            CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
            BEGIN SELECT RAISE(ABORT, 'documents is append-only'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS documents_no_update ON documents")
        op.execute("DROP FUNCTION IF EXISTS documents_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS documents_no_update")
    for name, _ in reversed(ATTACHMENT_COLUMNS):
        op.drop_column('attachments', name)
    op.drop_index('ix_downloads_due', table_name='downloads')
    op.drop_table('downloads')
    op.drop_index('ix_documents_complaint', table_name='documents')
    op.drop_table('documents')

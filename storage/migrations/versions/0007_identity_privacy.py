"""Identity mode, privacy tables, PINs out of the logs, complainants by internal id in the trail.

- complaints: `identity_mode` (named | confidential | anonymous) replaces the `anonymous` and
  `confidential` booleans; `archived_at` (SOP step 10) for retention.
- stage_events: complainant rows named `whatsapp:+62…` become `complainant:<id>` (the
  append-only triggers are lifted for this one rewrite and put back, on SQLite and PostgreSQL).
- PINs already at rest in `messages` and `outbox` bodies are masked.
- New tables: status_failures, status_locks, contact_requests, complaint_exclusions,
  data_requests, job_runs; outbox.secret (a value filled in at send time, dropped once sent).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 09:00:00
"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
PIN_MASK = "••••••"
_PIN_LINE = re.compile(r"(PIN\W{0,4})(\d{6})(?!\d)")
_TICKET_PIN = re.compile(r"(\b[A-Za-z]{2,5}[\s\-_.]?[0-9A-Za-z]{4}[\s\-_.]?[0-9A-Za-z]{4}\b\D{0,20})"
                         r"(?<!\d)(\d{6})(?!\d)")
_ONLY_PIN = re.compile(r"^\s*\d{6}\s*$")


def upgrade() -> None:
    # Plain ADD/DROP COLUMN (no batch copy): SQLite keeps the tables and stage_events' triggers.
    op.add_column('complaints', sa.Column('identity_mode', sa.String(length=20),
                                          nullable=False, server_default='named'))
    op.add_column('complaints', sa.Column('archived_at', UTC, nullable=True))
    op.execute("UPDATE complaints SET identity_mode = CASE WHEN anonymous THEN 'anonymous' "
               "WHEN confidential THEN 'confidential' ELSE 'named' END")
    op.execute("UPDATE complaints SET archived_at = (SELECT MAX(e.at) FROM stage_events e "
               "WHERE e.complaint_id = complaints.id AND e.to_stage = 'archived') "
               "WHERE stage = 'archived'")
    op.drop_column('complaints', 'anonymous')
    op.drop_column('complaints', 'confidential')
    op.add_column('outbox', sa.Column('secret', sa.JSON(), nullable=True))
    _create_tables()
    _rewrite_complainant_actors()
    _mask_stored_pins()


def _create_tables() -> None:
    op.create_table('status_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', UTC, nullable=False),
    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_status_failures_key', 'status_failures', ['subject', 'key', 'at'])
    op.create_table('status_locks',
    sa.Column('subject', sa.String(length=10), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('until', UTC, nullable=False),
    sa.PrimaryKeyConstraint('subject', 'key'))
    op.create_table('contact_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complainant_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('asks', sa.Integer(), nullable=False),
    sa.Column('opened_at', UTC, nullable=False),
    sa.Column('last_asked_at', UTC, nullable=False),
    sa.Column('answered_at', UTC, nullable=True),
    sa.Column('answered_by', sa.String(length=64), nullable=True),
    sa.Column('closed_at', UTC, nullable=True),
    sa.ForeignKeyConstraint(['complainant_id'], ['complainants.id']),
    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_contact_requests_complainant_id', 'contact_requests', ['complainant_id'])
    op.create_index('uq_contact_request_open', 'contact_requests', ['complainant_id'],
                    unique=True, sqlite_where=sa.text("status = 'open'"),
                    postgresql_where=sa.text("status = 'open'"))
    op.create_table('complaint_exclusions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by', sa.String(length=64), nullable=True),
    sa.Column('at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('complaint_id', 'officer_id', name='uq_exclusion'))
    op.create_index('ix_complaint_exclusions_complaint_id', 'complaint_exclusions',
                    ['complaint_id'])
    op.create_table('data_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complainant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('officer_id', sa.String(length=64), nullable=False),
    sa.Column('officer_role', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['complainant_id'], ['complainants.id']),
    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_data_requests_complainant_id', 'data_requests', ['complainant_id'])
    _append_only('data_requests')
    op.create_table('job_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('started_at', UTC, nullable=False),
    sa.Column('finished_at', UTC, nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('job', 'day', name='uq_job_run'))


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _append_only(table: str) -> None:
    """The table refuses UPDATE and DELETE at the database level."""
    if _postgres():
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
    if _postgres():
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def _rewrite_complainant_actors() -> None:
    """`whatsapp:+62…` -> `complainant:<id>` in the audit trail, the one rewrite it allows.

    PostgreSQL: the trigger is disabled inside this migration's transaction and enabled again
    before it commits. SQLite: the two triggers are dropped and created again, identically.
    """
    rewrite = ("UPDATE stage_events SET actor = COALESCE('complainant:' || CAST(("
               "SELECT c.complainant_id FROM complaints c WHERE c.id = stage_events.complaint_id"
               ") AS VARCHAR(20)), 'complainant') "
               "WHERE actor_role = 'complainant' AND actor NOT LIKE 'complainant%'")
    if _postgres():
        op.execute("ALTER TABLE stage_events DISABLE TRIGGER stage_events_no_change")
        op.execute(rewrite)
        op.execute("ALTER TABLE stage_events ENABLE TRIGGER stage_events_no_change")
        return
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS stage_events_no_{action}")
    op.execute(rewrite)
    for action in ("UPDATE", "DELETE"):
        op.execute(f"""
            CREATE TRIGGER stage_events_no_{action.lower()} BEFORE {action} ON stage_events
            BEGIN SELECT RAISE(ABORT, 'stage_events is append-only'); END""")


def mask_pins(body: str, direction: str | None = None) -> str:
    """A stored text with any PIN it carries masked."""
    masked = _PIN_LINE.sub(lambda m: m.group(1) + PIN_MASK, body)
    masked = _TICKET_PIN.sub(lambda m: m.group(1) + PIN_MASK, masked)
    if direction == "in" and _ONLY_PIN.match(masked):
        masked = PIN_MASK
    return masked


def _mask_stored_pins() -> None:
    bind = op.get_bind()
    for table, has_direction in (("messages", True), ("outbox", False)):
        columns = "id, body, direction" if has_direction else "id, body"
        rows = bind.execute(sa.text(f"SELECT {columns} FROM {table}")).fetchall()
        for row in rows:
            masked = mask_pins(row[1] or "", row[2] if has_direction else None)
            if masked != row[1]:
                bind.execute(sa.text(f"UPDATE {table} SET body = :body WHERE id = :id"),
                             {"body": masked, "id": row[0]})
    rows = bind.execute(sa.text("SELECT id, payload FROM outbox WHERE kind = 'ticket'")).fetchall()
    for row in rows:   # /catat's WhatsApp template variables carried the PIN too
        payload = json.loads(row[1]) if isinstance(row[1], str) else row[1]
        if isinstance(payload, dict) and payload.get("template"):
            text = json.dumps(payload, ensure_ascii=False)
            masked = re.sub(r'"(\d{6})"', f'"{PIN_MASK}"', text)
            if masked != text:
                bind.execute(sa.text("UPDATE outbox SET payload = :p WHERE id = :id")
                             .bindparams(sa.bindparam("p", type_=sa.JSON())),
                             {"p": json.loads(masked), "id": row[0]})


def downgrade() -> None:
    op.drop_table('job_runs')
    _drop_append_only('data_requests')
    op.drop_index('ix_data_requests_complainant_id', table_name='data_requests')
    op.drop_table('data_requests')
    op.drop_index('ix_complaint_exclusions_complaint_id', table_name='complaint_exclusions')
    op.drop_table('complaint_exclusions')
    op.drop_index('uq_contact_request_open', table_name='contact_requests')
    op.drop_index('ix_contact_requests_complainant_id', table_name='contact_requests')
    op.drop_table('contact_requests')
    op.drop_table('status_locks')
    op.drop_index('ix_status_failures_key', table_name='status_failures')
    op.drop_table('status_failures')
    op.drop_column('outbox', 'secret')
    op.add_column('complaints', sa.Column('anonymous', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.add_column('complaints', sa.Column('confidential', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    op.execute("UPDATE complaints SET anonymous = (identity_mode = 'anonymous'), "
               "confidential = (identity_mode = 'confidential')")
    op.drop_column('complaints', 'archived_at')
    op.drop_column('complaints', 'identity_mode')

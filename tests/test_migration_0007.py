"""Revision 0007 on SQLite and PostgreSQL: identity modes from the old booleans, the audit trail
rewritten to internal ids (its triggers lifted and restored), PINs masked where they rested."""
from __future__ import annotations

import json

from alembic import command
from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import alembic_config
from tests.test_migration_0002 import NOW, refuses_changes

NUMBER = "+6281234567890"


def seed(url: str) -> None:
    """Rows as revision 0006 stored them."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO complainants (id, channel, address, language, created_at)"
                          f" VALUES (7, 'whatsapp', '{NUMBER}', 'id', '{NOW}')"))
        for cid, anonymous, confidential in ((1, False, False), (2, True, False),
                                             (3, False, True)):
            stage = "archived" if cid == 1 else "received"
            conn.execute(text(
                "INSERT INTO complaints (id, ticket, pin_hash, complainant_id, channel, language,"
                " type, type_source, description, anonymous, confidential, stage, created_at,"
                f" updated_at) VALUES ({cid}, 'TRK-2222-333{cid}', 'x', 7, 'whatsapp', 'id',"
                f" 'paspor', 'complainant', 'd', {anonymous}, {confidential}, '{stage}',"
                f" '{NOW}', '{NOW}')"))
            conn.execute(text(
                "INSERT INTO stage_events (complaint_id, actor, actor_role, to_stage, at) VALUES"
                f" ({cid}, 'whatsapp:{NUMBER}', 'complainant', 'received', '{NOW}')"))
        conn.execute(text(
            "INSERT INTO stage_events (complaint_id, actor, actor_role, from_stage, to_stage, at)"
            " VALUES (1, 'telegram:100000001 Petugas', 'petugas', 'reported', 'archived',"
            " '2026-12-09 02:00:00+00:00')"))
        for direction, body in (
                ("out", "✅ Pengaduan Anda tercatat.\nNomor tiket: *TRK-2222-3331*\nPIN: *385137*"),
                ("in", "status TRK-2222-3332 385137"), ("in", "385137"),
                ("in", "paspor saya 3 minggu belum jadi")):
            conn.execute(text(
                "INSERT INTO messages (direction, provider, channel, address, body, created_at)"
                f" VALUES ('{direction}', 'twilio', 'whatsapp', '{NUMBER}', :body, '{NOW}')"),
                {"body": body})
        payload = json.dumps({"ticket": "TRK-2222-3331", "template": {
            "content_sid": "HX" + "0" * 32, "variables": {"1": "TRK-2222-3331", "2": "385137"}}})
        conn.execute(text(
            "INSERT INTO outbox (kind, channel, address, body, payload, status, attempts,"
            f" next_attempt_at, created_at) VALUES ('ticket', 'whatsapp', '{NUMBER}',"
            " 'Nomor tiket: *TRK-2222-3331*\nPIN: *385137*', :payload, 'sent', 1,"
            f" '{NOW}', '{NOW}')"), {"payload": payload})
    engine.dispose()


def read(url: str, sql: str) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_upgrade_converts_rewrites_and_masks_then_downgrades(db_url):
    config = alembic_config(db_url)
    command.downgrade(config, "0006")
    seed(db_url)
    command.upgrade(config, "head")
    assert read(db_url, "SELECT id, identity_mode FROM complaints ORDER BY id") == [
        (1, "named"), (2, "anonymous"), (3, "confidential")]
    [(archived,)] = read(db_url, "SELECT archived_at FROM complaints WHERE id = 1")
    assert archived is not None and "2026-12-09" in str(archived)
    actors = [a for (a,) in read(db_url, "SELECT actor FROM stage_events ORDER BY id")]
    assert actors == ["complainant:7"] * 3 + ["telegram:100000001 Petugas"]
    assert refuses_changes(db_url, "stage_events")       # the triggers are back
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO data_requests (complainant_id, kind, officer_id, "
                          f"officer_role, at) VALUES (7, 'export', '3', 'kasi_tikkim', '{NOW}')"))
    engine.dispose()
    assert refuses_changes(db_url, "data_requests")      # a record of requests answered
    bodies = [b for (b,) in read(db_url, "SELECT body FROM messages ORDER BY id")]
    [(outbox_body, payload)] = read(db_url, "SELECT body, payload FROM outbox")
    payload = json.loads(payload) if isinstance(payload, str) else payload
    everything = json.dumps([bodies, outbox_body, payload], ensure_ascii=False)
    assert "385137" not in everything
    assert bodies[:3] == ["✅ Pengaduan Anda tercatat.\nNomor tiket: *TRK-2222-3331*\nPIN: *••••••*",
                          "status TRK-2222-3332 ••••••", "••••••"]
    assert "PIN: *••••••*" in outbox_body and payload["template"]["variables"]["2"] == "••••••"
    assert "3 minggu" in everything
    engine = make_engine(db_url)
    found = {c["name"] for c in inspect(engine).get_columns("complaints")}
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"identity_mode", "archived_at"} <= found and not {"anonymous", "confidential"} & found
    assert {"status_failures", "status_locks", "contact_requests", "complaint_exclusions",
            "data_requests", "job_runs"} <= tables
    command.downgrade(config, "0006")
    assert read(db_url, "SELECT id, anonymous, confidential FROM complaints ORDER BY id") in (
        [(1, False, False), (2, True, False), (3, False, True)],
        [(1, 0, 0), (2, 1, 0), (3, 0, 1)])
    assert refuses_changes(db_url, "stage_events")
    command.upgrade(config, "head")
    assert read(db_url, "SELECT identity_mode FROM complaints ORDER BY id") == [
        ("named",), ("anonymous",), ("confidential",)]

"""Storage guarantees: the audit trail is append-only, provider ids are unique, versions guard state."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.tickets import hash_pin
from storage.models import Complaint, ConversationState, StageEvent
from storage.repo import DuplicateMessage

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)


def a_complaint(store) -> int:  # type: ignore[no-untyped-def]
    with store.unit() as unit:
        complaint = Complaint(ticket="TRK-2345-6789", pin_hash=hash_pin("123456"), channel="sms",
                              language="id", type="paspor", type_source="complainant",
                              description="paspor belum jadi", stage="received",
                              created_at=NOW, updated_at=NOW)
        event = StageEvent(complaint_id=0, actor="sms:+62811", actor_role="complainant",
                           to_stage="received", at=NOW)
        unit.file_complaint(complaint, [], event)
        return complaint.id


def test_stage_events_cannot_be_changed_or_deleted(store):
    a_complaint(store)
    for statement in ("UPDATE stage_events SET note = 'rewritten'", "DELETE FROM stage_events"):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.unit() as unit:
                unit.session.execute(text(statement))
    with store.unit() as unit:
        assert unit.session.execute(text("SELECT count(*) FROM stage_events")).scalar() == 1


def test_a_provider_id_is_recorded_once(store):
    fields = dict(provider="twilio", provider_id="SM" + "a" * 32, channel="sms",
                  address="+62811", body="halo", at=NOW)
    with store.unit() as unit:
        unit.record_inbound(**fields)
    with pytest.raises(DuplicateMessage):
        with store.unit() as unit:
            unit.record_inbound(**fields)


def test_a_stale_conversation_version_is_refused(pg_url):
    """On PostgreSQL two sessions can interleave; the version column catches the loser.

    (SQLite opens every transaction with BEGIN IMMEDIATE, so writers never interleave there.)
    """
    from storage.repo import Store
    store = Store.from_url(pg_url)
    with store.unit() as unit:
        unit.start_conversation("sms", "+62811", "menu", NOW)
    first, second = store._sessions(), store._sessions()  # two processes' views
    try:
        mine = first.query(ConversationState).one()
        theirs = second.query(ConversationState).one()
        theirs.state, theirs.updated_at = "describe", NOW
        second.commit()
        mine.state, mine.updated_at = "status_ticket", NOW
        with pytest.raises(Exception) as error:
            first.commit()
        assert "StaleDataError" in type(error.value).__name__
    finally:
        first.close()
        second.close()
        store.dispose()

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


def _turn_rows(store, address: str = "+62812"):  # type: ignore[no-untyped-def]
    with store.unit() as unit:
        person, conversation, _ = unit.turn_rows("sms", address, NOW, NOW, 9)
        if conversation is None:
            unit.start_conversation("sms", address, "menu", NOW)
    with store.unit() as unit:
        return unit.turn_rows("sms", address, NOW, NOW, 9)[:2]


def test_a_turn_that_lost_the_race_writes_nothing(store):
    """end_turn sends its closing writes together (one round trip on PostgreSQL); a
    conversation another turn saved meanwhile still fails the turn, and none of its writes stay."""
    from storage.repo import ConcurrentUpdate
    person, stale = _turn_rows(store)
    _, fresh = _turn_rows(store)
    with store.unit() as unit:                       # another turn saves it first
        fresh.state = "describe"
        unit.end_turn(fresh, person, provider="twilio", channel="sms", address="+62812",
                      bodies=["theirs"], at=NOW)
    person.name = "Nama Baru"
    stale.state = "status_ticket"
    with pytest.raises(ConcurrentUpdate):
        with store.unit() as unit:
            unit.end_turn(stale, person, provider="twilio", channel="sms", address="+62812",
                          bodies=["mine"], at=NOW)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT state, version FROM conversation_states")).one() \
            == ("describe", fresh.version)
        assert connection.execute(text("SELECT name FROM complainants")).scalar() is None
        assert [b for (b,) in connection.execute(text("SELECT body FROM messages"))] == ["theirs"]


def test_an_error_among_a_turns_closing_writes_is_raised_and_rolls_back(store):
    """A statement failing inside the batch surfaces as SQLAlchemy's error, as it would alone
    (which the unit of work turns into a retry)."""
    from sqlalchemy.exc import IntegrityError
    from storage.repo import ConcurrentUpdate
    person, conversation = _turn_rows(store)
    conversation.state = "describe"
    with pytest.raises(ConcurrentUpdate) as raised:
        with store.unit() as unit:
            unit.end_turn(conversation, person, provider="twilio", channel="sms",
                          address="+62812", bodies=[None], at=NOW)   # type: ignore[list-item]
    assert isinstance(raised.value.__cause__, IntegrityError)
    assert "body" in str(raised.value)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT state FROM conversation_states")).scalar() == "menu"


def test_a_filed_complaint_and_its_queued_messages_are_rows_the_session_knows(store):
    """Filing and queueing write plain INSERTs; the objects are the session's, clean, and read
    back exactly as stored (defaults included), in the same transaction and after it."""
    from storage.models import OutboxItem
    with store.unit() as unit:
        complaint = Complaint(ticket="TRK-2345-6789", pin_hash="x", channel="sms",
                              language="id", type="paspor", type_source="complainant",
                              description="paspor belum jadi", stage="received",
                              created_at=NOW, updated_at=NOW, due_at=NOW)
        event = StageEvent(complaint_id=0, actor="sms:+62811", actor_role="complainant",
                           to_stage="received", at=NOW)
        unit.file_complaint(complaint, [], event)
        item = unit.enqueue(kind="ping", channel="telegram", address="77", body="hai", at=NOW,
                            complaint_id=complaint.id)
        assert complaint.id and event.complaint_id == complaint.id and item.id
        assert unit.complaint_by_id(complaint.id) is complaint     # from memory, no SELECT
        assert not unit.session.dirty and not unit.session.new
        assert complaint.identity_mode == "named" and complaint.section is None
        assert item.payload == {} and item.status == "pending" and item.secret is None
        item.status = "cancelled"                               # a later change: an UPDATE
    with store.read() as session:
        stored = session.get(Complaint, complaint.id)
        assert (stored.ticket, stored.identity_mode, stored.due_at, stored.events[0].to_stage) \
            == ("TRK-2345-6789", "named", NOW, "received")
        queued = session.get(OutboxItem, item.id)
        assert (queued.status, queued.payload, queued.next_attempt_at, queued.complaint_id) \
            == ("cancelled", {}, NOW, complaint.id)

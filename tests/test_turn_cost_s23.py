"""What the cheaper turn keeps: the pause's cancel, the outbox's filters, the officers' news
and the NLU's prefetch answer as they did before the statements were built once."""
from __future__ import annotations

import datetime as dt

from bot.conversation import engine
from bot.conversation.step import REGISTRY, Step
from bot.tickets import hash_pin
from storage.models import Complaint, OutboxItem, StageEvent

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)
PHONE = "+6281234567890"


def _complaint(store) -> int:  # type: ignore[no-untyped-def]
    with store.unit() as unit:
        complaint = Complaint(ticket="TRK-2345-6789", pin_hash=hash_pin("123456"), channel="sms",
                              language="id", type="paspor", type_source="complainant",
                              description="paspor belum jadi", stage="received",
                              created_at=NOW, updated_at=NOW)
        event = StageEvent(complaint_id=0, actor=f"sms:{PHONE}", actor_role="complainant",
                           to_stage="received", at=NOW)
        unit.file_complaint(complaint, [], event)
        return complaint.id


def test_cancelling_the_pause_sees_what_the_transaction_has_not_flushed(store):
    """The cancel is a plain statement now: a pause the session holds but has not written
    yet is cancelled all the same (as the ORM's autoflush did)."""
    with store.unit() as unit:
        unit.schedule(kind="pause", channel="sms", address=PHONE, body="Masih di sana?",
                      at=NOW, due=NOW + dt.timedelta(seconds=40))
        unit.session.add(OutboxItem(kind="pause", channel="sms", address=PHONE, body="lagi",
                                    payload={}, status="pending", attempts=0,
                                    next_attempt_at=NOW, created_at=NOW))
        unit.enqueue(kind="reply", channel="sms", address=PHONE, body="halo", at=NOW)
        unit.schedule(kind="pause", channel="sms", address="+6289999", body="lain", at=NOW,
                      due=NOW)
        assert unit.cancel_outbox("sms", PHONE, "pause") == 2
    with store.unit() as unit:
        statuses = {(i.address, i.kind, i.body): (i.status, i.last_error)
                    for i in unit.outbox_items()}
    assert statuses == {
        (PHONE, "pause", "Masih di sana?"): ("cancelled", "superseded by a newer message"),
        (PHONE, "pause", "lagi"): ("cancelled", "superseded by a newer message"),
        (PHONE, "reply", "halo"): ("pending", None),
        ("+6289999", "pause", "lain"): ("pending", None)}


def test_outbox_filters_keep_none_apart_from_a_value(store):
    """The query is built once per set of filtered columns; a filter on None (IS NULL) and a
    filter on a value of the same column are different queries, in either order."""
    with store.unit() as unit:
        for n, worker in enumerate((None, "w1", None, "w2")):
            unit.enqueue(kind="reply", channel="sms", address=f"+62811{n}", body=str(n), at=NOW)
        for item in unit.outbox_items():
            item.locked_by = {"1": "w1", "3": "w2"}.get(item.body)
    for _ in range(2):
        with store.unit() as unit:
            assert [i.body for i in unit.outbox_items(locked_by="w1")] == ["1"]
            assert [i.body for i in unit.outbox_items(locked_by=None)] == ["0", "2"]
            assert [i.body for i in unit.outbox_items(locked_by="w2", channel="sms")] == ["3"]
            assert [i.body for i in unit.outbox_items(channel="sms", locked_by=None)] == \
                ["0", "2"]
            assert [i.body for i in unit.outbox_items(locked_by="w9")] == []


def test_officer_news_are_the_relays_and_updates_a_status_answer_reads(store):
    complaint_id = _complaint(store)
    with store.unit() as unit:
        def queue(kind: str, body: str, address: str = PHONE, at: dt.datetime = NOW,
                  complaint: int | None = complaint_id) -> None:
            unit.enqueue(kind=kind, channel="whatsapp", address=address, body=body, at=at,
                         complaint_id=complaint)
        queue("alert", "for the officers", address="-100")
        queue("update", "first news", at=NOW + dt.timedelta(minutes=1))
        queue("relay", "", at=NOW + dt.timedelta(minutes=2))
        queue("relay", "withdrawn")
        queue("relay", "about another complaint", complaint=None)
        queue("relay", "a reply", address="+628777", at=NOW + dt.timedelta(minutes=3))
        for item in unit.outbox_items(complaint_id=complaint_id):
            if item.body == "withdrawn":
                item.status = "cancelled"          # not flushed: the read flushes first
            if item.body == "first news":
                item.status = "sent"
    with store.unit() as unit:
        news = unit.officer_news(complaint_id)
        expected = [item for item in unit.outbox_items(complaint_id=complaint_id)
                    if item.kind in ("relay", "update") and item.body
                    and item.status != "cancelled"]
    assert [(n.kind, n.body, n.status, n.address, n.created_at) for n in news] == \
        [(i.kind, i.body, i.status, i.address, i.created_at) for i in expected]
    assert [(n.body, n.status, n.created_at) for n in news] == [
        ("first news", "sent", NOW + dt.timedelta(minutes=1)),
        ("a reply", "pending", NOW + dt.timedelta(minutes=3))]


def test_the_prefetch_asks_only_the_steps_that_may_want_the_nlu():
    """Steps that keep Step.may_classify never want the NLU: the prefetch skips them, with
    the same answer for any text, and notices a step registered later."""
    overriding = {type(step) for step in REGISTRY.values()
                  if type(step).may_classify.__func__ is not Step.may_classify.__func__}
    assert set(engine._classifying_steps()) == overriding
    for text in ("halo", "saya mau lapor petugas minta uang", "lanjut", "mulai baru", "1",
                 "status TRK-2345-6789", "info paspor", "ya", "", "sudah itu saja"):
        assert any(cls.may_classify(text) for cls in engine._classifying_steps()) == \
            any(type(step).may_classify(text) for step in REGISTRY.values())

    class Eager(Step):
        @classmethod
        def may_classify(cls, text: str) -> bool:
            return text == "baca ini"

    key = object()
    REGISTRY[key] = Eager.__new__(Eager)  # type: ignore[index]
    try:
        assert Eager in engine._classifying_steps()
        assert any(cls.may_classify("baca ini") for cls in engine._classifying_steps())
    finally:
        del REGISTRY[key]  # type: ignore[arg-type]
    assert Eager not in engine._classifying_steps()

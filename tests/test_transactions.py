"""A turn's transaction does database work only: the NLU outside it, locks with a timeout."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.conversation.classify import CircuitBreaker
from storage.models import Message
from storage.repo import Busy, Store
from tests.support.twilio_chat import TwilioSender
from tests.test_nlu_client import hanging_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.timeout(90)
STORY = "Petugas loket minta uang tambahan supaya paspor saya cepat jadi"


@dataclass
class Guess:
    intent: str
    confidence: float
    model_version: str | None = "test#1"


class LockProbe:
    """A classifier that, while it runs, takes the same write locks a turn would.

    If the engine called it inside the turn's transaction, the probe could not get them (the
    in-process writer lock on SQLite, the conversation's row lock on PostgreSQL) and would
    record Busy instead of a free database.
    """

    def __init__(self, db_url: str, phone: str):
        self.store = Store.from_url(db_url, lock_timeout=0.5)
        self.phone = phone
        self.calls: list[str] = []
        self.locked: list[bool] = []

    def parse(self, text: str) -> Guess:
        self.calls.append(text)
        try:
            with self.store.unit() as unit:
                unit.conversation("whatsapp", self.phone)
            self.locked.append(False)
        except Busy:
            self.locked.append(True)
        return Guess("pungli", 0.97)


def start(make_app, db_url, classifier, number="+6281234567890") -> TwilioSender:  # type: ignore[no-untyped-def]
    app, runtime = make_app(db_url, classifier=classifier, DB_LOCK_TIMEOUT_SECONDS="0.5")
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number)
    phone.runtime = runtime  # type: ignore[attr-defined]
    return phone


def test_the_nlu_is_asked_outside_the_turns_transaction(make_app, db_url):
    probe = LockProbe(db_url, "+6281234567890")
    phone = start(make_app, db_url, probe)
    phone.say("halo")
    phone.say("1")
    phone.say(STORY)
    assert "Pungutan liar" in phone.says("lanjut")          # the guess, for one tap
    assert probe.calls == [STORY] and probe.locked == [False]
    probe.store.dispose()


def test_a_state_that_moved_after_the_peek_is_classified_then_run_again(make_app, db_url,
                                                                        monkeypatch):
    probe = LockProbe(db_url, "+6281234567890")
    phone = start(make_app, db_url, probe)
    phone.say("halo")
    phone.say("1")
    phone.say(STORY)
    # As if the peek had seen another state: nothing prefetched for this message.
    monkeypatch.setattr("bot.conversation.engine.Engine._prefetch", lambda self, inbound: {})
    assert "Pungutan liar" in phone.says("lanjut")
    assert probe.calls == [STORY] and probe.locked == [False]
    with phone.runtime.store.unit() as unit:  # type: ignore[attr-defined]
        inbound = unit.session.scalar(select(func.count()).select_from(Message)
                                      .where(Message.direction == "in"))
    assert inbound == 4          # the rolled-back first try left nothing behind
    probe.store.dispose()


def test_with_rasa_hanging_an_unrelated_message_is_not_held_up(make_app, db_url,
                                                               hanging_server):  # noqa: F811
    from nlu.client import RasaNluClient
    phone = start(make_app, db_url, RasaNluClient(hanging_server, timeout=3.0))
    other = TwilioSender(phone.client, phone.runtime.config.settings, number="+6281299990000")  # type: ignore[attr-defined]
    phone.say("halo")
    phone.say("1")
    phone.say(STORY)
    done: dict[str, float] = {}

    def lanjut() -> None:
        phone.say("lanjut")
        done["lanjut"] = time.monotonic()

    waiting = threading.Thread(target=lanjut)
    waiting.start()
    time.sleep(0.3)                                   # "lanjut" is now waiting for Rasa
    reply = other.says("halo")
    done["halo"] = time.monotonic()
    waiting.join(10)
    assert "Apa yang bisa kami bantu?" in reply
    assert done["halo"] < done["lanjut"]              # answered while the NLU call hung
    # The breaker is open now: the next classification does not wait for Rasa at all.
    assert phone.runtime.engine.services.classifier.is_open  # type: ignore[attr-defined]


def test_the_breaker_costs_a_failing_nlu_one_call_per_cooldown():
    class Down:
        calls = 0

        def parse(self, text: str) -> None:
            Down.calls += 1
            return None

    now = [0.0]
    breaker = CircuitBreaker(Down(), cooldown=30, clock=lambda: now[0])
    assert [breaker.parse("a") for _ in range(5)] == [None] * 5
    assert Down.calls == 1 and breaker.is_open
    now[0] = 31
    assert breaker.parse("b") is None and Down.calls == 2      # one trial after the cooldown
    assert breaker.parse("c") is None and Down.calls == 2

    class Back:
        def parse(self, text: str) -> Guess:
            return Guess("paspor", 0.9)

    breaker.inner = Back()
    now[0] = 62
    assert breaker.parse("d") == Guess("paspor", 0.9) and not breaker.is_open


def hold_lock(runtime: Any, number: str, seconds: float) -> threading.Thread:
    """Another transaction that holds the write lock (SQLite) or the row lock (PostgreSQL)."""
    taken = threading.Event()

    def hold() -> None:
        with runtime.store.unit() as unit:
            unit.conversation("whatsapp", number)
            taken.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(5)
    return thread


def test_a_lock_not_granted_in_time_gets_a_calm_busy_reply(make_app, db_url):
    phone = start(make_app, db_url, None)
    phone.say("halo")
    holder = hold_lock(phone.runtime, phone.number, 2.0)  # type: ignore[attr-defined]
    try:
        started = time.monotonic()
        reply = phone.says("1")
        waited = time.monotonic() - started
    finally:
        holder.join()
    assert "sangat sibuk" in reply and "kirim ulang" in reply
    assert waited < 2.0                       # gave up at the lock timeout, not after the holder
    with phone.runtime.store.unit() as unit:  # type: ignore[attr-defined]
        inbound = unit.session.scalar(select(func.count()).select_from(Message)
                                      .where(Message.direction == "in"))
    assert inbound == 1                        # not stored: the complainant was told to resend
    assert "Ceritakan" in phone.says("1")      # and once the lock is free, all is well


def test_documents_and_exports_are_rendered_after_the_transaction(bot_app, tg_server,
                                                                  monkeypatch):
    """Steps 6 and 8 and /rekap: the files are made while no write lock is held."""
    from bot.paperwork import documents as docs
    from bot.paperwork import exports
    from tests.support.telegram import KASI, PENYUSUN, TelegramUser, deliver, file_on_telegram
    from tests.test_officers import officer, walk_to
    app, runtime = bot_app
    probe = Store.from_url(runtime.config.settings.database_url, lock_timeout=0.5)
    free: list[tuple[str, bool]] = []
    locking: list[str] = []       # the complaint whose row lock the step-6 transaction holds

    def probing(name: str, real: Any) -> Any:
        def render(*args: Any, **kwargs: Any) -> Any:
            try:
                with probe.unit() as unit:   # the write lock (SQLite), the row lock (PostgreSQL)
                    for ticket in locking:
                        unit.complaint_by_ticket(ticket, lock=True)
                free.append((name, True))
            except Busy:
                free.append((name, False))
            return real(*args, **kwargs)
        return render

    from bot.paperwork import archive
    monkeypatch.setitem(archive.RENDER, ("report", "pdf"), probing("report_pdf", docs.report_pdf))
    monkeypatch.setattr(exports, "recap_xlsx", probing("recap_xlsx", exports.recap_xlsx))
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_050), runtime)
    locking.append(ticket)
    walk_to(app, ticket, "report_drafted")                  # step 6: the drafts
    walk_to(app, ticket, "signed", start="report_drafted")  # step 8: the signed copies
    assert officer(app, KASI).send("/rekap") == "officer"
    deliver(runtime)
    # Step 6 (the drafts), 7 (the initialled copy for the Kepala), 8 (the signed copies).
    assert free == [("report_pdf", True)] * 3 + [("recap_xlsx", True)]
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        roles = sorted(d.role for d in unit.documents_of(complaint.id))
    # Kept in the second transaction: the drafts (step 6), the initialled copies the Kepala
    # was sent (step 7, kept as drafts too), the signed copies (step 8).
    assert roles == ["draft"] * 8 + ["signed"] * 4
    drafter = [c.params for c in tg_server.calls_to("sendDocument")
               if str(c.params.get("chat_id")) == str(PENYUSUN)]
    assert len(drafter) == 4                      # the letter and report, DOCX and PDF
    probe.dispose()


def test_sqlite_writers_in_other_processes_queue_on_the_lock_file_with_a_timeout(sqlite_url):
    """Several web and worker processes share SQLite: a writer elsewhere holds the lock file;
    ours waits at most the lock timeout, then Busy (never SQLite's "database is locked")."""
    import subprocess
    import sys
    from pathlib import Path
    code = ("import sys, time; from storage.repo import Store\n"
            "s = Store.from_url(sys.argv[1])\n"
            "with s.unit() as u:\n"
            "    print('held', flush=True); time.sleep(3)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, sqlite_url], stdout=subprocess.PIPE,
                              cwd=Path(__file__).resolve().parent.parent)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    store = Store.from_url(sqlite_url, lock_timeout=0.5)
    try:
        started = time.monotonic()
        with pytest.raises(Busy, match="another process"):
            with store.unit() as unit:
                unit.count_complaints()
        assert time.monotonic() - started < 2.5
        holder.wait(10)
        with store.unit() as unit:                 # free again once the other one committed
            assert unit.count_complaints() == 0
    finally:
        holder.kill()
        store.dispose()

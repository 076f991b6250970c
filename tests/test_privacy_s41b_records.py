"""Privacy review of session 41, helper P41b: records and keys.

- Without PIN_KEY the talk codes (T-nnnnnnn) were keyed by a constant in this source: anyone
  reading it decoded a code to its request id. Now a random secret of the deployment's, kept
  in its database, made once by the first process and shared by every other.
- Cancelled outbox rows (a held ping set aside at its slot, a superseded pause message) kept
  their texts, which name a ticket, forever: they follow the rule of sent ones now.
- An erasure by a named ticket, while the same person's anonymous complaint was held for its
  alert slot: the held complaint's story and its alert stay (guard; see the report).
- The data-subject export printed the person's P-code ("Kode P-n"), shown nowhere else.

Real components (the app, signed webhooks, the store), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import io
import logging
import threading

import pytest
from pypdf import PdfReader
from alembic import command
from sqlalchemy import delete, func, select

from bot import notify
from bot.retention import Retention
from storage import talk_key
from storage.migrate import alembic_config
from storage.models import Complaint, OutboxItem
from storage.outbox import Outbox
from storage.repo import Store
from storage.subjects import ERASED
from tests.conftest import make_config
from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, deliver
from tests.test_data_requests import files_sent, filed  # noqa: F401 - the fixture
from tests.test_migration_0004 import columns
from tests.test_migration_0010 import tables
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s34 import (ANONYMOUS_FACILITY, NAMED, PASSPORT, WITA, _file, _kasi,
                                    _lihat, _phone)

pytestmark = pytest.mark.timeout(300)
PUBLIC_KEY = b"aduan-talk-code"      # the key every deployment without PIN_KEY used


def _rows(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(talk_key.TALK_CODE_KEY))


# --- 1. the talk codes' key without PIN_KEY ---------------------------------------------------
def test_without_pin_key_every_process_gives_the_same_secret_code(make_app, db_url, caplog):
    """Two runtimes on one database (two processes: the second starts with a key of its own)
    give a request the same code, one the public constant would not give; the secret is one
    row, never logged."""
    caplog.set_level(logging.DEBUG)
    _, first = make_app(db_url)
    assert not first.config.settings.pin_keys
    codes = [notify.open_code(request_id) for request_id in (1, 2, 345)]
    notify.use_talk_key(b"another process's own key")
    _, second = make_app(db_url)
    assert [notify.open_code(request_id) for request_id in (1, 2, 345)] == codes
    assert notify.open_request_id(codes[2]) == 345
    public = [f"T-{notify._feistel(request_id, 7, PUBLIC_KEY):07d}" for request_id in (1, 2, 345)]
    assert all(mine != theirs for mine, theirs in zip(codes, public)), (codes, public)
    assert _rows(second.store) == 1
    secret = second.store.talk_code_key()
    assert len(secret) == 32 and secret.hex() not in caplog.text


def test_the_first_processes_agree_on_one_secret(db_url):
    """Several processes asking at once on a database without the row: one row, one secret."""
    stores = [Store.from_url(db_url) for _ in range(4)]
    try:
        with stores[0].unit() as unit:
            unit.session.execute(delete(talk_key.TALK_CODE_KEY))
        found: list[bytes] = []
        threads = [threading.Thread(target=lambda s=s: found.append(s.talk_code_key()))
                   for s in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(found) == 4 and len(set(found)) == 1
        assert _rows(stores[0]) == 1
    finally:
        for store in stores:
            store.dispose()


def test_the_migration_goes_down_and_up(db_url):
    """Revision 0013 adds the one-row table and takes it away again."""
    config = alembic_config(db_url)
    command.downgrade(config, "0012")
    assert "talk_code_key" not in tables(db_url)
    command.upgrade(config, "head")
    assert columns(db_url, "talk_code_key") == {"id", "key"}


# --- 2. cancelled outbox rows and retention ---------------------------------------------------
def test_a_set_aside_held_ping_s_text_goes_after_the_period(store, db_url):
    """A held ping set aside at its slot (cancelled) is emptied 90 days on, as a sent one is,
    and counted; one still within the period keeps its text."""
    config = make_config(db_url).office_config
    then = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.timezone.utc)
    body = "🔔 Giliran Anda: TRK-ABCD-EFGH\nLangkah 2: Dilaporkan kepada Kasi Tikkim"
    with store.unit() as unit:
        old = unit.enqueue(kind="held_ping", channel="telegram", address="100000001",
                           body=body, at=then).id
        recent = unit.enqueue(kind="held_ping", channel="telegram", address="100000002",
                              body=body, at=then + dt.timedelta(days=80)).id
    outbox = Outbox(store)
    for item_id, at in ((old, then), (recent, then + dt.timedelta(days=80))):
        [claimed] = outbox.claim("w1", at, 60, 1)
        assert claimed.id == item_id
        assert outbox.set_aside(item_id, "w1", "langkah sudah selesai")
    summary = Retention(config).apply(store, then + dt.timedelta(days=91))
    with store.read() as session:
        rows = {row.id: row for row in session.scalars(select(OutboxItem))}
    assert rows[old].status == "cancelled" and rows[old].body == ERASED
    assert rows[recent].body == body
    assert summary["notifications"] == 1
    assert Retention(config).apply(store, then + dt.timedelta(days=91))["notifications"] == 0


# --- 3. an erasure by a handle and a held complaint -----------------------------------------
def test_an_erasure_by_the_named_ticket_keeps_the_held_complaint_s_texts(
        app, runtime, tg_server, tw_server, clock):
    """Filed by name at 09.30, anonymously at 19.41 (held for the morning slot); erased by the
    named ticket at 19.50. The held complaint's story, its alert at the slot and its /lihat
    read as before: the complaint is the office's, only its person goes."""
    clock.now = dt.datetime(2026, 12, 1, 9, 30, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377734193")
    named = _file(phone, PASSPORT, {"Pengaduan Anda tentang apa": "1", **NAMED})
    deliver(runtime)
    clock.now = dt.datetime(2026, 12, 1, 19, 41, tzinfo=WITA)
    story = "AC di ruang tunggu mati, toilet kotor sekali"
    hidden = _file(phone, story, ANONYMOUS_FACILITY)
    deliver(runtime)
    with runtime.store.read() as session:
        held = session.scalars(select(OutboxItem).where(
            OutboxItem.complaint_id == complaint(runtime, hidden).id,
            OutboxItem.kind == "alert")).one()
    assert held.status == "pending" and story in held.body
    clock.now = dt.datetime(2026, 12, 1, 19, 50, tzinfo=WITA)
    said = _kasi(app, runtime, tg_server, f"/hapusdata {named} YAKIN pelapor minta")
    assert f"Data pribadi {named} dihapus" in said, said
    kept = complaint(runtime, hidden)
    assert kept.description == story and kept.identity_mode == "anonymous"
    clock.now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=WITA)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    deliver(runtime)
    alerts = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:] if hidden in t]
    assert alerts and story in alerts[0], alerts
    assert f"Cerita: {story}" in _lihat(app, runtime, tg_server, hidden)
    with runtime.store.read() as session:
        assert session.get(Complaint, kept.id).description == story


# --- 4. the export names no P-code -------------------------------------------------------------
def test_the_export_shows_no_person_code(filed, tg_server):  # noqa: F811 - the fixture
    """The PDF still renders the person's identity and complaint, and no P-code."""
    app, runtime, _, ticket, person_id = filed
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {ticket}") == "officer"
    deliver(runtime)
    sent = files_sent(tg_server, KASI)
    [pdf_name] = [n for n in sent if n.endswith(".pdf")]
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sent[pdf_name])).pages)
    pdf = " ".join(pdf.split())
    for expected in ("1. Identitas", "Rahmat Hidayat", ticket, "Paspor anak saya hilang"):
        assert expected in pdf, expected
    assert f"P-{person_id}" not in pdf and "Kode" not in pdf, pdf

"""Privacy review of session 34 (helper P34, walker W43): what /balas, /hapusdata and
retention tell about a person's other complaints.

- `/balas` on an anonymous ticket said "pelapor belum dapat dihubungi (pesan sebelumnya
  kepadanya tidak terkirim)" right after the group read the failure of the same person's named
  ticket: reachability was judged from every message to the chat. It is now judged from the
  complaint's own messages.
- For a complaint the group reads concealed, the /balas acknowledgement told an ended web
  session from a chat that takes no messages: one wording now.
- `/hapusdata` by a named ticket deleted the same person's anonymous complaint's evidence
  (and counted it as the named ticket's), while its /lihat still said "tersimpan"; the export
  by a ticket carried the minute of the anonymous filing as "last contact".
- Retention never removed an anonymous archived complaint's evidence files.

Through the real app (Telegram updates, Twilio webhooks, the in-process worker)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.desk.subjects import ERASE_BY_HANDLE, by_handle
from bot.notify import alert_slot
from storage import retention
from storage.models import Attachment, StageEvent
from storage.subjects import ERASED
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_kept_documents import fetch_all
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain
from tests.test_privacy_s25b import NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS as ANONYMOUS_FACILITY
from tests.test_privacy_s27 import _phone
from tests.test_webchat_undelivered import end, to_slot, web_person

pytestmark = pytest.mark.timeout(400)

ANONYMOUS = {"identitas Anda dicatat": "anonim"}
WITA = dt.timezone(dt.timedelta(hours=8))
ACK = "balasan kepada pelapor"
T_CODE = re.compile(r"\bT-\d+\b")


def _balas(app: Any, runtime: Any, tg_server: Any, ticket: str) -> str:
    """A petugas's /balas in the group; the group's acknowledgement of it."""
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, PETUGAS).send(f"/balas {ticket} Mohon kirim fotonya") == "officer"
    deliver(runtime)
    [said] = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:] if ACK in t]
    return said


def _attachments(runtime: Any, ticket: str) -> list[Attachment]:
    found = complaint(runtime, ticket)
    with runtime.store.read() as session:
        return list(session.scalars(select(Attachment).where(
            Attachment.complaint_id == found.id)))


# --- 1 and 2. /balas: judged per complaint, one wording for a held one -----------------------
def test_a_named_ticket_s_failure_does_not_make_the_anonymous_one_read_unreachable(
        app, runtime, tg_server, clock):
    """One Telegram user files by name and anonymously, then blocks the bot. The named
    ticket's reply fails (the group reads the report); /balas on the anonymous ticket still
    reads as it did: nothing about it has failed. A held complaint reads one wording, true
    whether the person's chat takes the message or not, so its own failure changes nothing."""
    user = 734_001
    citizen = TelegramUser(app.test_client(), user)
    named = file_on_telegram(citizen, runtime)
    hidden = file_on_telegram(citizen, runtime, answers=ANONYMOUS)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    tg_server.block(user)
    assert "dikirim" in _balas(app, runtime, tg_server, named)      # nothing known yet
    deliver(runtime)
    named_id = complaint(runtime, named).id
    with runtime.store.unit() as unit:
        assert [r.status for r in unit.outbox_items(complaint_id=named_id, kind="relay")] == [
            "undeliverable"]
    assert "belum dapat dihubungi" in _balas(app, runtime, tg_server, named)
    said = _balas(app, runtime, tg_server, hidden)
    assert f"{hidden}: {ACK} diteruskan" in said, said
    deliver(runtime)                       # the anonymous ticket's own reply fails now
    kept = _balas(app, runtime, tg_server, hidden)
    # one wording for a held complaint, reachable or not (tests/test_privacy_s42m_held_reply.py)
    assert kept == said and "cek status" in kept, kept


def test_a_talk_under_a_t_code_is_judged_by_its_own_messages(app, runtime, tg_server, clock):
    """The same person's talk, read by the group under a T-code (they filed anonymously):
    the failure of their named ticket's reply does not make /pesan T-n read "belum dapat
    dihubungi"; a failure in that talk does."""
    user = 734_003
    citizen = TelegramUser(app.test_client(), user)
    named = file_on_telegram(citizen, runtime)
    file_on_telegram(citizen, runtime, answers=ANONYMOUS)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    for said in ("halo", "Bicara dengan petugas", "kapan pengaduan saya diproses?"):
        citizen.send(said)
    deliver(runtime)
    [code] = {found for t in tg_server.sent_texts(OFFICER_CHAT)[seen:]
              for found in T_CODE.findall(_plain(t))}
    tg_server.block(user)
    _balas(app, runtime, tg_server, named)
    deliver(runtime)                       # the named ticket's reply is refused
    assert "belum dapat dihubungi" in _balas(app, runtime, tg_server, named)

    def pesan() -> str:
        seen = len(tg_server.sent_texts(OFFICER_CHAT))
        assert officer(app, PETUGAS).send(f"/pesan {code} Sedang kami cek.") == "officer"
        deliver(runtime)
        [said] = [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:]
                  if f"Pesan untuk {code}" in t]
        return said
    first = pesan()
    assert "dikirim" in first and "belum dapat" not in first, first
    assert "belum dapat dihubungi" in pesan()      # the talk's own message was refused


def test_a_held_complaint_s_kept_reply_reads_alike_on_the_web_and_on_telegram(
        app, runtime, tg_server, clock):
    """A concealed web complaint whose session ended, and a concealed Telegram complaint whose
    chat blocked the bot: the group reads the same acknowledgement, naming no channel."""
    person, web_ticket, _ = web_person(app, story="AC di ruang tunggu mati dan toilet kotor "
                                                  "sekali", kind="sarana")
    end(person)
    user = 734_002
    tg_ticket = file_on_telegram(TelegramUser(app.test_client(), user), runtime,
                                 answers=ANONYMOUS)
    to_slot(runtime, clock)
    deliver(runtime)
    tg_server.block(user)
    _balas(app, runtime, tg_server, tg_ticket)
    deliver(runtime)                       # its reply is refused: the chat takes none now
    on_web = _balas(app, runtime, tg_server, web_ticket)
    on_telegram = _balas(app, runtime, tg_server, tg_ticket)
    assert "diteruskan" in on_web and "cek status" in on_web, on_web
    assert on_web.replace(web_ticket, "TIKET") == on_telegram.replace(tg_ticket, "TIKET")
    for channel in ("web", "Telegram", "sesi"):
        assert channel not in on_web, on_web


# --- 3. /hapusdata and /datapribadi by a named ticket ----------------------------------------
def _named_and_hidden_with_photo(app: Any, runtime: Any, tw_server: Any, tg_server: Any,
                                 clock: Any, number: str, media: str,
                                 on_named: bool = False) -> tuple[str, str]:
    """A WhatsApp user files by name at 09.30 and anonymously at 09.41, then sends a photo
    (after the anonymous filing it lands on that complaint; `on_named`: sent after the named
    filing instead). Day 2, 09.00."""
    clock.now = dt.datetime(2026, 12, 1, 9, 30, tzinfo=WITA)
    phone = _phone(app, runtime, number)
    named = _file(phone, PASSPORT, {"Pengaduan Anda tentang apa": "1", **NAMED})
    url = tw_server.add_media(media, _photo(), "image/jpeg")
    if on_named:
        phone.say("", media=[(url, "image/jpeg")])
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    hidden = _file(phone, "AC di ruang tunggu mati, toilet kotor sekali", ANONYMOUS_FACILITY)
    if not on_named:
        phone.say("", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    clock.now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=WITA)
    deliver(runtime)
    return named, hidden


def _kasi(app: Any, runtime: Any, tg_server: Any, command: str) -> str:
    seen = len(tg_server.sent_texts(KASI))
    assert TelegramUser(app.test_client(), KASI).send(command) == "officer"
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(KASI)[seen:])


def _lihat(app: Any, runtime: Any, tg_server: Any, ticket: str) -> str:
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    _group(app).send(f"/lihat {ticket}")
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])


def test_erasing_by_the_named_ticket_leaves_the_anonymous_complaint_s_evidence(
        app, runtime, tg_server, tw_server, clock):
    """The anonymous complaint's photo is kept, neither deleted nor counted as the named
    ticket's; its /lihat reads as before; Kasi is told, in the words every erasure by a
    handle carries, that other evidence goes by its own ticket or the number."""
    named, hidden = _named_and_hidden_with_photo(app, runtime, tw_server, tg_server, clock,
                                                 "+6281377734101", "ME" + "3" * 32)
    [photo] = _attachments(runtime, hidden)
    assert photo.stored_path and _attachments(runtime, named) == []
    before = _lihat(app, runtime, tg_server, hidden)
    assert "Bukti: 1 berkas (tersimpan" in before, before
    preview = _kasi(app, runtime, tg_server, f"/hapusdata {named} pelapor minta")
    assert ERASE_BY_HANDLE.format(code=named) in preview, preview
    clock.now = dt.datetime(2026, 12, 2, 11, 17, tzinfo=WITA)
    said = _kasi(app, runtime, tg_server, f"/hapusdata {named} YAKIN pelapor minta")
    assert f"Data pribadi {named} dihapus" in said, said
    assert ERASE_BY_HANDLE.format(code=named) in said, said
    assert "berkas bukti" not in said.replace(ERASE_BY_HANDLE.format(code=named), ""), said
    [kept] = _attachments(runtime, hidden)
    assert (kept.url, kept.stored_path, kept.fetch_status) == (
        photo.url, photo.stored_path, "stored")
    assert runtime.desk.files.read(kept.stored_path, kept.sha256)
    assert _lihat(app, runtime, tg_server, hidden) == before


def test_an_erased_file_reads_as_one_never_kept(app, runtime, tg_server, tw_server, clock):
    """The named ticket's own photo goes with its erasure, counted as its one file; /lihat no
    longer says "tersimpan", and /bukti answers as for a file never kept."""
    named, _ = _named_and_hidden_with_photo(app, runtime, tw_server, tg_server, clock,
                                            "+6281377734102", "ME" + "4" * 32, on_named=True)
    [photo] = _attachments(runtime, named)
    assert photo.stored_path
    said = _kasi(app, runtime, tg_server, f"/hapusdata {named} YAKIN pelapor minta")
    assert f"1 berkas bukti {named} dihapus" in said, said
    [gone] = _attachments(runtime, named)
    assert (gone.url, gone.stored_path) == (ERASED, None)
    shown = _lihat(app, runtime, tg_server, named)
    assert "Bukti: 1 berkas (1 tidak dapat diunduh)" in shown, shown
    assert "tersimpan" not in shown, shown
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    _group(app).send(f"/bukti {named}")
    deliver(runtime)
    bukti = "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])
    assert "0 dari 1 berkas dikirim" in bukti and "1: tidak dapat diunduh" in bukti, bukti


def test_the_export_by_a_named_ticket_leaves_out_the_last_contact(
        app, runtime, tg_server, tw_server, clock):
    """The person last wrote when filing anonymously: the copy by the named ticket does not
    carry that minute; the copy by the number still does."""
    named, _ = _named_and_hidden_with_photo(app, runtime, tw_server, tg_server, clock,
                                            "+6281377734103", "ME" + "5" * 32)
    person_id = complaint(runtime, named).complainant_id
    with runtime.store.unit() as unit:
        data = unit.subject_data(person_id)
    assert data["complainant"]["last_inbound_at"]
    assert by_handle(data)["complainant"]["last_inbound_at"] is None
    assert by_handle(data)["complainant"]["address"] == data["complainant"]["address"]


# --- 4. retention: an anonymous archived complaint's evidence ------------------------------
def test_retention_removes_an_anonymous_archived_complaint_s_evidence(
        app, runtime, tg_server, tw_server, clock):
    """24 months after archiving, the anonymous complaint's media URL and kept file go like a
    named one's, with no erase line; a second run changes nothing."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377734104")
    hidden = _file(phone, "AC di ruang tunggu mati, toilet kotor sekali", ANONYMOUS_FACILITY)
    url = tw_server.add_media("ME" + "6" * 32, _photo(), "image/jpeg")
    phone.say("", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    [photo] = _attachments(runtime, hidden)
    assert photo.stored_path and photo.url != ERASED
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(hidden)
        found.stage, found.archived_at = "archived", dt.datetime(2023, 1, 1, tzinfo=WITA)
    before, now = dt.datetime(2024, 12, 1, tzinfo=WITA), clock()
    with runtime.store.unit() as unit:
        done = retention.anonymise(unit.session, before, now)
    assert done["files"] == [photo.stored_path], done
    [gone] = _attachments(runtime, hidden)
    assert (gone.url, gone.stored_path, gone.fetch_status) == (ERASED, None, "erased")
    with runtime.store.read() as session:
        erase_lines = session.scalars(select(StageEvent).where(
            StageEvent.complaint_id == gone.complaint_id, StageEvent.action == "erase")).all()
    assert erase_lines == []
    with runtime.store.unit() as unit:
        assert retention.anonymise(unit.session, before, now)["files"] == []

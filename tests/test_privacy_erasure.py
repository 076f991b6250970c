"""What an erasure (`/hapusdata … YAKIN`) must leave behind, and what an export hands over.

The privacy audit found an erased person still identifiable: their first name in the officers'
copies of the group alert and /lihat (only exact, case-sensitive full names were replaced), in
an officer's "/kabar TIKET Pak Wahyudi, …" kept in `messages`, in the bytes of the report and the
register sent to officers (base64 in outbox rows), and Twilio's MessageSid of their messages,
from which the Twilio account finds the number. And the data-subject export handed the person
an officer's Telegram id (who answered their talk-to-officer request) and the officers' own
notifications about them (the group's chat id). The trail's notes and `officer_actions` stay as
written (README, "Data-subject requests").
"""
from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import pytest
from sqlalchemy import select

from bot.notify import open_code
from storage.models import Message, OutboxItem
from tests.support.intake import walk
from tests.support.privacy import found_in_tables, table_texts
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_data_requests import files_sent
from tests.test_officers import officer, walk_to

pytestmark = pytest.mark.timeout(240)
NUMBER = "+6281234577011"
# Every word of the erased person's names (not the other complainant's "Wahyudi Hartono").
ERASED_NAMES = re.compile(r"wahyudi(?!\s+hartono)|prasetyo|kartini", re.IGNORECASE)
# Append-only by design (README): the trail's notes and the officers' commands as recorded.
APPEND_ONLY = {"stage_events", "officer_actions"}


def file_named(app, runtime, number: str, name: str, story: str,  # type: ignore[no-untyped-def]
               profile: str = "Pengguna WA", sid: str | None = None) -> tuple[str, int]:
    """A named paspor complaint over WhatsApp, under a name other than the WhatsApp profile's:
    (ticket, the person's id)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=profile)
    phone.say("halo", sid=sid)
    for said in ("1", story, "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {
        "identitas Anda dicatat": "2", "Tuliskan nama Anda": name,
        "Pengaduan Anda tentang apa": "1"})
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    with runtime.store.unit() as unit:
        return ticket, unit.complaint_by_ticket(ticket).complainant_id


def file_text(data: bytes) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return data.decode("utf-8", "replace")


def outbox_files(runtime) -> dict[int, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Outbox rows that still carry a file's bytes: id -> (file name, its text)."""
    with runtime.store.unit() as unit:
        return {row.id: (row.payload["file"].get("name"),
                         file_text(base64.b64decode(row.payload["file"]["data"])))
                for row in unit.session.scalars(select(OutboxItem))
                if ((row.payload or {}).get("file") or {}).get("data")}


def test_an_erasure_leaves_no_word_of_the_name_in_copies_messages_or_files(bot_app, tg_server):
    app, runtime = bot_app
    ticket, person_id = file_named(app, runtime, NUMBER, "Wahyudi Prasetyo",
                                   "Saya Wahyudi, paspor saya sudah sebulan belum jadi",
                                   profile="Bu Kartini")
    # Someone else, filed after, with a name that shares a word: only the erased are forgotten.
    other, _ = file_named(app, runtime, "+6281234577012", "Wahyudi Hartono",
                          "Paspor anak saya rusak waktu dicetak", profile="Toko Hartono")
    deliver(runtime)
    group = officer(app, PETUGAS)
    assert group.send(f"/lihat {ticket}") == "officer"
    assert group.send(f"/kabar {ticket} Pak WAHYUDI, paspor sedang kami cek") == "officer"
    walk_to(app, ticket, "report_drafted")
    walk_to(app, other, "report_drafted")
    assert group.send(f"/dokumen {ticket}") == "officer"
    assert group.send(f"/dokumen {other}") == "officer"
    assert TelegramUser(app.test_client(), KASI).send("/inventaris") == "officer"
    deliver(runtime)
    named_before = [i for i, (_, text) in outbox_files(runtime).items()
                    if ERASED_NAMES.search(text)]
    assert named_before                          # the report and the register name him

    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/hapusdata {ticket} YAKIN permintaan pelapor") == "officer"
    deliver(runtime)

    texts = table_texts(runtime)
    left = {table: ERASED_NAMES.findall(text) for table, text in texts.items()
            if table not in APPEND_ONLY and ERASED_NAMES.search(text)}
    assert left == {}, left
    files = outbox_files(runtime)
    assert [(name, i) for i, (name, text) in files.items() if ERASED_NAMES.search(text)] == []
    with runtime.store.unit() as unit:
        dropped = [row for row in unit.session.scalars(select(OutboxItem)) if row.id in
                   named_before]
        lihat = [row.body for row in unit.session.scalars(select(OutboxItem).where(
            OutboxItem.address == str(OFFICER_CHAT))) if "Cerita:" in row.body]
        kabar = unit.session.scalars(select(Message.body).where(
            Message.body.like("/kabar%"))).one()
    # the rows stay, their files marked erased
    assert dropped and all(row.payload["file"].get("erased") for row in dropped)
    assert lihat and all("paspor saya sudah sebulan belum jadi" in body for body in lihat)
    assert kabar.startswith(f"/kabar {ticket} Pak ") and "paspor sedang kami cek" in kabar
    # the other complainant's copies and files are theirs, untouched
    assert "Wahyudi Hartono" in texts["outbox"] and "Wahyudi Hartono" in texts["complaints"]
    assert any(other in name and "Wahyudi Hartono" in text for name, text in files.values())


def test_an_erasure_drops_the_providers_ids_of_the_persons_messages(bot_app, tg_server):
    """A Twilio MessageSid identifies the message in the Twilio account, and with it the number
    that sent it: an erased person's messages keep no provider id, nor do the messages sent to
    them."""
    app, runtime = bot_app
    sid = "SM" + "ab" * 16
    ticket, person_id = file_named(app, runtime, NUMBER, "Wahyudi Prasetyo",
                                   "Paspor saya sudah sebulan belum jadi", profile="Bu Kartini",
                                   sid=sid)
    deliver(runtime)
    with runtime.store.unit() as unit:
        sent = [row.provider_id for row in unit.session.scalars(select(OutboxItem).where(
            OutboxItem.address == NUMBER)) if row.provider_id]
    assert found_in_tables(runtime, [sid]) != []
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/hapusdata {ticket} YAKIN permintaan pelapor") == "officer"
    assert found_in_tables(runtime, [sid, *sent]) == []
    with runtime.store.unit() as unit:
        theirs = list(unit.session.scalars(select(Message).where(
            Message.complainant_id == person_id)))
    assert theirs and all(m.provider_id is None for m in theirs)


def test_an_export_hands_over_no_officer_id_and_no_officers_notifications(bot_app, tg_server):
    """The person's export is their data: not the Telegram id of the officer who answered
    their talk-to-officer request, nor the office's messages to its officers about them (the
    group alert, the relays, the leaders' private notices), which name the officers' chats."""
    app, runtime = bot_app
    ticket, person_id = file_named(app, runtime, "+6281234577021", "Rahmat Hidayat",
                                   "Paspor anak saya hilang waktu dikirim lewat pos")
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281234577021")
    phone.says("petugas")
    phone.says("tolong dibantu pak")
    deliver(runtime)
    with runtime.store.unit() as unit:
        code = open_code(unit.live_contact_request(person_id).id)     # the talk's own code
    assert officer(app, PETUGAS).send(f"/pesan {code} baik, kami cek dulu") == "officer"
    with runtime.store.unit() as unit:         # the relay to the group is about them
        assert unit.session.scalars(select(OutboxItem).where(
            OutboxItem.complainant_id == person_id,
            OutboxItem.address == str(OFFICER_CHAT))).first() is not None
    kasi = TelegramUser(app.test_client(), KASI)
    # the complete copy (the talk included) is the one by the number, once its owner agrees;
    # by a ticket only what that ticket may show goes (tests/test_privacy_s27.py)
    assert kasi.send("/datapribadi 0812-3457-7021") == "officer"
    deliver(runtime)
    assert "persetujuan Anda dicatat" in phone.says("SETUJU")
    assert kasi.send("/datapribadi 0812-3457-7021") == "officer"
    deliver(runtime)
    [data] = [content.decode() for name, content in files_sent(tg_server, KASI).items()
              if name.endswith(".json")]
    [person] = json.loads(data)["people"]
    assert person["notifications"]
    assert {(n["channel"], n["address"]) for n in person["notifications"]} == {
        ("whatsapp", "+6281234577021")}
    [request] = person["contact_requests"]
    assert request["answered_by"] == "petugas" and request["answered_at"]
    for officer_id in (PETUGAS, KASI, OFFICER_CHAT):
        assert str(officer_id) not in data, officer_id
    assert ticket in data and "tolong dibantu pak" in data          # theirs: all there

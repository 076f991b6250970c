"""What the officers' group reads in the bot's notices about people and their complaints.

Four leaks a privacy audit found: a PIN a person typed to the officers reached the group (and
the leaders) and rested in the outbox in clear; correcting a concealed complaint's LAPOR!
tracking id with `/catat TIKET pelacakan` put the old id into the trail the group reads with
`/lihat`; the group's talk-to-officer notice named the author of a levy complaint who had
agreed to be named to the officers; and the "Pesan tidak terkirim" report named a sensitive
complaint's channel and quoted the provider's error. On SQLite and PostgreSQL, through the real
app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

from bot.paperwork.dossier import dossier
from tests.support.intake import TICKET, walk
from tests.support.privacy import found_in_tables
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401
from tests.test_privacy_tracking import TRACKING, record

pytestmark = pytest.mark.timeout(180)
ORDINARY = "Paspor saya sudah sebulan belum jadi padahal sudah bayar"
LEVY = "Petugas Pengaduan minta uang lima ratus ribu supaya paspor cepat"
NEW_TRACKING = "LAP-7730291"


def filed_by_whatsapp(app, runtime, number: str, story: str,  # type: ignore[no-untyped-def]
                      answers: dict[str, str], profile: str | None = None
                      ) -> tuple[TwilioSender, str, str]:
    """A complaint filed on WhatsApp: (phone, ticket, the PIN the filing reply gave)."""
    extra = {"profile_name": profile} if profile else {}
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number, **extra)
    for said in ("halo", "1", story, "lanjut"):
        reply = phone.says(said)
    reply = walk(phone.says, reply, answers)
    pin = re.search(r"PIN\D{0,20}(\d{6})", reply)
    assert pin, reply
    return phone, TICKET.search(reply).group(0), pin.group(1)


def texts(tg_server, chat: int) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(tg_server.sent_texts(chat))


# --- 1. a PIN typed to the officers ---------------------------------------------------------

@pytest.mark.parametrize("story, answers, reader", [
    (ORDINARY, {"Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "1"}, OFFICER_CHAT),
    (LEVY, {"Pengaduan Anda tentang apa": "4", "identitas Anda dicatat": "1",
            "ingin dirahasiakan": "1"}, KASI)],
    ids=["group", "leaders"])
def test_a_pin_typed_to_the_officers_is_masked_in_every_copy(app, runtime, tg_server,
                                                             story, answers, reader):
    """Whoever reads the relay (the group, or for a levy complaint the leaders) reads the
    ticket but not the PIN, whole or split; no table keeps it."""
    phone, ticket, pin = filed_by_whatsapp(app, runtime, "+6281255507777", story, answers)
    split = f"{pin[:3]} {pin[3:]}"
    phone.says("menu")
    phone.says("petugas")
    phone.says(f"pak tiket saya {ticket} pin {pin} kok di hp istri saya tidak bisa cek")
    phone.says(f"pin saya {split} sudah benar kan pak")       # no ticket: after the word PIN
    deliver(runtime)
    relayed = texts(tg_server, reader)
    assert "Pesan dari pelapor" in relayed and ticket in relayed      # the ticket stays
    assert pin not in relayed and split not in relayed
    assert pin not in texts(tg_server, OFFICER_CHAT)
    assert found_in_tables(runtime, [pin, split]) == []


# --- 2. a tracking id corrected ---------------------------------------------------------------

def trail(runtime, ticket: str) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(e.note or "" for e in complaint(runtime, ticket).events)


def report(runtime, ticket: str) -> str:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        found = dossier(runtime.config.office_config, unit.complaint_by_ticket(ticket))
    return json.dumps(dataclasses.asdict(found), default=str, ensure_ascii=False)


@pytest.mark.parametrize("name, secret, kind, mode, corrector", [
    ("anonim", "tidak", "Layanan paspor", "anonymous", PETUGAS),
    ("Siti Aminah", "ya", "Pungutan liar, calo, atau suap", "confidential", KASI)])
def test_a_concealed_complaint_s_corrected_tracking_id_stays_out_of_the_trail(
        app, runtime, tg_server, name, secret, kind, mode, corrector):
    ticket = record(app, runtime, name, secret, kind)
    assert complaint(runtime, ticket).identity_mode == mode
    assert TelegramUser(app.test_client(), corrector).send(
        f"/catat {ticket} pelacakan {NEW_TRACKING}") == "officer"
    assert complaint(runtime, ticket).external_id == NEW_TRACKING          # kept
    notes = trail(runtime, ticket)
    assert "Koreksi pencatatan: nomor pelacakan" in notes                   # said, not shown
    assert TRACKING not in notes and NEW_TRACKING not in notes
    officer(app, PETUGAS).send(f"/lihat {ticket}")
    deliver(runtime)
    group = texts(tg_server, OFFICER_CHAT)
    assert TRACKING not in group and NEW_TRACKING not in group
    assert TRACKING not in report(runtime, ticket) and NEW_TRACKING not in report(runtime, ticket)


def test_a_named_complaint_s_trail_keeps_the_old_tracking_id(app, runtime, tg_server):
    ticket = record(app, runtime, "Siti Aminah", "tidak")
    assert complaint(runtime, ticket).identity_mode == "named"
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/catat {ticket} pelacakan {NEW_TRACKING}") == "officer"
    assert f"nomor pelacakan (sebelumnya: {TRACKING})" in trail(runtime, ticket)


def test_an_old_tracking_id_leaves_the_trail_when_the_complaint_is_concealed_later(
        app, runtime, tg_server):
    """The trail is append-only: a named complaint's correction keeps the old id in its note.
    Once the complaint is retyped to a sensitive type its reporter is concealed, and /lihat
    leaves the old id out for every reader who may not see who complained (an officer, in
    private: the group is not shown a sensitive complaint); a leader, who may, still reads it."""
    ticket = record(app, runtime, "Siti Aminah", "tidak")
    assert TelegramUser(app.test_client(), PETUGAS).send(
        f"/catat {ticket} pelacakan {NEW_TRACKING}") == "officer"
    assert officer(app, KASI, private=True).send(f"/jenis {ticket} pungli") == "officer"
    assert complaint(runtime, ticket).identity_mode == "confidential"
    assert f"(sebelumnya: {TRACKING})" in trail(runtime, ticket)           # kept, append-only
    deliver(runtime)
    before = len(tg_server.sent_texts(PETUGAS))
    assert officer(app, PETUGAS, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    seen = "\n".join(tg_server.sent_texts(PETUGAS)[before:])
    assert "Koreksi pencatatan: nomor pelacakan" in seen
    assert TRACKING not in seen and NEW_TRACKING not in seen
    assert "nomor pelacakan tersimpan" in seen                              # the filing note
    assert TRACKING not in report(runtime, ticket) and NEW_TRACKING not in report(runtime, ticket)
    officer(app, KASI, private=True).send(f"/lihat {ticket}")
    deliver(runtime)
    assert f"(sebelumnya: {TRACKING})" in texts(tg_server, KASI)


# --- 3. the talk-to-officer notice ------------------------------------------------------------

def ask_for_an_officer(phone: TwilioSender, runtime, tg_server) -> str:  # type: ignore[no-untyped-def]
    """What the group reads after the person asks for an officer."""
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    return "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])


def test_the_group_never_learns_who_asks_when_the_leaders_answer(app, runtime, tg_server):
    """A levy complaint filed openly named: the group reads nothing of the request (not even
    that someone asks); the leaders are told privately, with the ticket."""
    phone, ticket, _ = filed_by_whatsapp(
        app, runtime, "+6285210468412", LEVY, {
            "Pengaduan Anda tentang apa": "4", "Siapa atau unit": "Petugas Pengaduan",
            "identitas Anda dicatat": "1", "ingin dirahasiakan": "2"}, profile="Kopi Senja")
    assert complaint(runtime, ticket).identity_mode == "named"
    group = ask_for_an_officer(phone, runtime, tg_server)
    assert group == "", group
    assert ticket not in group and "Kopi Senja" not in group and "Tiket terakhir" not in group
    assert ticket in texts(tg_server, KASI) and ticket in texts(tg_server, KEPALA)


def test_after_a_levy_talk_the_group_s_notice_names_no_one(app, runtime, tg_server):
    """An ordinary complaint openly named, then a talk reporting a levy: the next request is
    the leaders' (the officer concerned may be in the group), so the group reads no code. (The
    group's notice of a talk names no one anyway, the first one included: tests/
    test_privacy_s22c.py.)"""
    phone, ticket, _ = filed_by_whatsapp(
        app, runtime, "+6285210468413", ORDINARY,
        {"Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "1"}, profile="Kopi Pagi")
    first = ask_for_an_officer(phone, runtime, tg_server)
    assert "Kode: " in first and ticket not in first and "Kopi Pagi" not in first
    phone.says("petugas loket minta uang 300rb biar paspor cepat")
    phone.says("selesai")
    later = ask_for_an_officer(phone, runtime, tg_server)
    assert later == "", later              # the leaders' talk: the group reads nothing
    assert ticket not in later and "Kopi Pagi" not in later


# --- 4. a message given up on -----------------------------------------------------------------

def given_up(app, runtime, tg_server, user_id: int, story: str,  # type: ignore[no-untyped-def]
             answers: dict[str, str] | None = None) -> tuple[str, str]:
    """A complaint filed on Telegram whose author then blocks the bot, and Kasi Tikkim's
    /kabar that cannot reach them: (ticket, the group's report)."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), user_id), runtime, story=story,
                              answers=answers)
    deliver(runtime)
    tg_server.block(user_id)
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kabar {ticket} sedang kami periksa") == "officer"
    deliver(runtime)
    found = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "tidak terkirim" in t and ticket in t]
    assert len(found) == 1
    return ticket, found[0]


def test_a_sensitive_complaint_s_undelivered_report_names_no_channel(app, runtime, tg_server):
    # the group reads no report of a sensitive complaint's message at all now: the leaders do,
    # privately, with the channel (tests/test_privacy_s24.py)
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_771), runtime,
                              story="Calo di parkiran minta satu juta untuk antrean paspor kilat",
                              answers={"Catat sebagai": "1"})
    assert complaint(runtime, ticket).type == "pungli"
    deliver(runtime)
    tg_server.block(555_771)
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kabar {ticket} sedang kami periksa") == "officer"
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT) if "tidak terkirim" in t]
    [report_] = [t for t in tg_server.sent_texts(KASI) if "tidak terkirim" in t and ticket in t]
    assert "kabar perkembangan" in report_                     # still says what did not go
    # an ordinary complaint's report still helps the officers: channel and error
    _, ordinary = given_up(app, runtime, tg_server, 555_772, ORDINARY)
    assert "Telegram" in ordinary and "blocked" in ordinary

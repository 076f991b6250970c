"""Privacy review of session 24, second helper (P24b): two leftovers of the leaders' own talks.

1. `/datapribadi P-n` and `/hapusdata P-n` still took the P-code of a person whose talk is the
   leaders' own (named R-n): a leader who read P-n beside Bu Rina's name in the group learnt
   from the refusal ("Pelapor P-n mengirim pengaduan anonim") or the erasure's preview ("1
   pengaduan") that she had filed the anonymous levy complaint. Now such a P-code reads word
   for word as a code nobody has; the requests go by the R-code (or the number). By a P-code or
   a named ticket the refusal never says "anonim", and an erasure's preview counts no
   complaints.
2. The bot's own replies (no ticket, no flag) to the author of a sensitive complaint were
   reported to the group when they failed ("⚠️ Pesan tidak terkirim / Tiket: - / balasan bot"),
   minutes after the filing whose alert is held: now to the leaders privately, from the worker
   and from a Twilio receipt alike.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.desk.message import BY_OWN_CODE
from storage.models import Complainant, OutboxItem
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser,
                                    deliver, file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import actions, app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import NAME, NUMBER, R_CODE, _plain, _refusal, _walk

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
ORDINARY = "Paspor saya sudah sebulan belum jadi padahal sudah bayar"
LEVY = "Calo di parkiran minta satu juta untuk antrean paspor kilat"


def _group(app: Any, who: int = PETUGAS) -> TelegramUser:
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


def _address(runtime: Any, person_id: int) -> str:
    with runtime.store.unit() as unit:
        return unit.session.get(Complainant, person_id).address


def _since(tg_server: Any, who: int, seen: dict[int, int]) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(who)[seen[who]:]]


# --- 1. data-subject requests by the P-code of a leaders' talk ----------------------------------
T_CODE = re.compile(r"\bT-\d{7,8}\b")


def _p_code(runtime: Any, number: str) -> str:
    """The person's P-code, which nothing shows (tests/test_privacy_s40a_codes.py)."""
    with runtime.store.unit() as unit:
        [person_id] = unit.complainants_at([number, number.lstrip("+")])
    return f"P-{person_id}"


def test_a_data_request_by_the_p_code_of_a_leaders_talk_reads_as_a_code_nobody_has(
        app, runtime, tg_server, tw_server):
    """After the walk (a named group talk as P-n, an anonymous levy complaint, a talk only the
    leaders answer as R-n), /datapribadi P-n and /hapusdata P-n (with or without YAKIN) read,
    for Kasi Tikkim and the Kepala Kantor, word for word what a code nobody has reads; nothing
    is sent or erased; the log keeps why. By R-n the erasure works and names no P-code; the
    export by R-n asks for the number without saying the person filed anonymously."""
    run = _walk(app, runtime, tg_server, tw_server)
    p_code = run["p_code"]
    person_id = int(p_code[2:])
    [notice] = [t for t in run["since"][KASI] if "meminta bicara dengan petugas" in t]
    r_code = R_CODE.search(notice).group(0)
    nobody = "P-999999"
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, KEPALA, OFFICER_CHAT)}
    for leader in (KASI, KEPALA):
        for command in ("/datapribadi {}", "/hapusdata {} permintaan pelapor",
                        "/hapusdata {} YAKIN permintaan pelapor"):
            said = _refusal(app, runtime, tg_server, command.format(p_code), leader, True)
            assert said == f"⛔ Pelapor {p_code} tidak ditemukan.", said
            # no P-code is answered, for anyone (tests/test_privacy_s40a_codes.py)
            assert actions(runtime)[-1].detail == f"{p_code}: {BY_OWN_CODE}"
            other = _refusal(app, runtime, tg_server, command.format(nobody), leader, True)
            assert said.replace(p_code, "P-N") == other.replace(nobody, "P-N"), (said, other)
        assert sent_files(tg_server, leader) == []
    assert _address(runtime, person_id) == NUMBER                   # nothing erased
    # by the talk's own code: the export any handle gets (never the anonymous complaint; the
    # complete copy only by the number, said to everyone alike), the erasure goes through
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, KEPALA, OFFICER_CHAT)}
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {r_code}") == "officer"
    deliver(runtime)
    [said] = [t for t in _since(tg_server, KASI, seen) if f"Data pribadi {r_code}:" in t]
    assert "/datapribadi NOMOR" in said and "anonim" not in said.lower(), said
    files = sent_files(tg_server, KASI)
    assert files and not [n for n, c, _ in files if run["hidden"].encode() in c], files
    assert kasi.send(f"/hapusdata {r_code} permintaan pelapor") == "officer"
    deliver(runtime)
    [preview] = [t for t in _since(tg_server, KASI, seen) if "Akan dihapus" in t]
    assert f"Penghapusan data pribadi {r_code}" in preview, preview
    assert kasi.send(f"/hapusdata {r_code} YAKIN permintaan pelapor") == "officer"
    deliver(runtime)
    assert any(f"Data pribadi {r_code} dihapus" in t for t in _since(tg_server, KASI, seen))
    assert _address(runtime, person_id) != NUMBER                   # erased
    for who in (KASI, KEPALA, OFFICER_CHAT):
        assert not [t for t in _since(tg_server, who, seen) if P_CODE.search(t)]


def test_a_leaders_talk_with_no_complaint_exports_by_its_r_code(
        app, runtime, tg_server, tw_server):
    """A talk that reported a levy (no complaint filed): its P-code is nobody's for
    /datapribadi; by its R-code Kasi Tikkim gets the files, named by the R-code only."""
    number = "+6281377724501"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    assert T_CODE.search(phone.says("Bicara dengan petugas"))      # never a P-code
    p_code = _p_code(runtime, number)
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, OFFICER_CHAT)}
    phone.says("Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi")
    deliver(runtime)
    r_code = R_CODE.search("\n".join(_since(tg_server, KASI, seen))).group(0)
    said = _refusal(app, runtime, tg_server, f"/datapribadi {p_code}", KASI, True)
    assert said == f"⛔ Pelapor {p_code} tidak ditemukan.", said
    seen = {KASI: len(tg_server.sent_texts(KASI))}
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/datapribadi {r_code}") == "officer"
    deliver(runtime)
    files = sent_files(tg_server, KASI)
    assert [n for n, _, _ in files if n.endswith(".json")], files
    told = _since(tg_server, KASI, seen)
    assert any(f"Data pribadi {r_code}" in t for t in told), told
    assert not [t for t in told if P_CODE.search(t)], told
    assert not [n for n, _, c in files if P_CODE.search(n + c)], files


def test_a_data_request_by_a_readable_handle_never_says_the_person_filed_anonymously(
        app, runtime, tg_server, tw_server):
    """A named talk in the group (P-n), then an ordinary complaint filed anonymously.
    /datapribadi P-n and /hapusdata P-n read as a code nobody has (its "only by the number",
    which no other P-code got, and its preview told that P-n had filed a concealed complaint);
    only the anonymous ticket itself is told "anonim"."""
    number = "+6281377724502"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    t_code = T_CODE.search(phone.says("Bicara dengan petugas")).group(0)
    p_code = _p_code(runtime, number)
    phone.says("pak paspor saya kapan jadi ya, saya Rina")
    deliver(runtime)
    assert _group(app).send(f"/pesan {t_code} Selamat sore Bu Rina, kami cek dulu.") == "officer"
    deliver(runtime)
    assert "kami akhiri" in phone.says("selesai")
    reply = ""
    for said in ("menu", "1", ORDINARY, "lanjut"):
        reply = phone.says(said)
    ticket = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "1",
                                                    "identitas Anda dicatat": "anonim"})).group(0)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    deliver(runtime)
    # by P-n, a code nobody has, as /pesan answers it (tests/test_privacy_s26.py)
    said = _refusal(app, runtime, tg_server, f"/datapribadi {p_code}", KASI, True)
    assert said == f"⛔ Pelapor {p_code} tidak ditemukan.", said
    said = _refusal(app, runtime, tg_server, f"/datapribadi {ticket}", KASI, True)
    assert "anonim" in said and not P_CODE.search(said), said     # nothing new by that ticket
    assert sent_files(tg_server, KASI) == []
    said = _refusal(app, runtime, tg_server, f"/hapusdata {p_code} permintaan pelapor", KASI,
                    True)
    assert said == f"⛔ Pelapor {p_code} tidak ditemukan.", said


# --- 2. the bot's own replies to a sensitive complaint's author ---------------------------------
def test_a_failed_bot_reply_to_a_sensitive_complaint_s_author_is_told_to_the_leaders_only(
        app, runtime, tg_server):
    """A levy complaint's author blocks the bot and writes again; the bot's reply fails. The
    group reads nothing of it; each leader reads "balasan bot" privately. Another person's
    failed reply (ordinary complaint) still goes to the group."""
    user = 555_991
    ticket = file_on_telegram(TelegramUser(app.test_client(), user), runtime, story=LEVY,
                              answers={"Catat sebagai": "1"})
    assert complaint(runtime, ticket).type == "pungli"
    deliver(runtime)
    tg_server.block(user)
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, KEPALA, OFFICER_CHAT)}
    assert TelegramUser(app.test_client(), user).send("halo") == "complainant"
    deliver(runtime)
    group = "\n".join(_since(tg_server, OFFICER_CHAT, seen))
    assert "tidak terkirim" not in group, group
    for leader in (KASI, KEPALA):
        [report] = [t for t in _since(tg_server, leader, seen) if "Pesan tidak terkirim" in t]
        assert "balasan bot" in report and "blocked" in report, report
    # an ordinary complaint's author: the group, as before
    other = 555_992
    file_on_telegram(TelegramUser(app.test_client(), other), runtime, story=ORDINARY)
    deliver(runtime)
    tg_server.block(other)
    assert TelegramUser(app.test_client(), other).send("halo") == "complainant"
    deliver(runtime)
    [report] = [t for t in _since(tg_server, OFFICER_CHAT, seen) if "tidak terkirim" in t]
    assert "balasan bot" in report and "Telegram" in report, report


def _receipts(app: Any, runtime: Any, tw_server: Any) -> None:
    """Twilio's StatusCallbacks posted to this app."""
    client = app.test_client()
    base = runtime.config.settings.public_base_url

    def transport(url: str, form: dict[str, str], headers: dict[str, str]) -> int:
        return client.post(url[len(base):], data=form, headers=headers).status_code
    tw_server.callback_transport = transport


def _pause_sent(runtime: Any, number: str) -> str:
    """The bot's own reminder in the person's conversation (kind "pause": on WhatsApp the
    conversation's other replies go back in the webhook's answer, not through the outbox),
    queued as the engine queues it and sent by the worker; its Twilio SID."""
    with runtime.store.unit() as unit:
        person = unit.session.scalars(select(Complainant).where(
            Complainant.address == number)).one()
        item = unit.enqueue(kind="pause", channel="whatsapp", address=number,
                            body="Ceritanya sudah kami catat; silakan lanjutkan.", payload={},
                            at=runtime.engine.clock(), complainant_id=person.id)
        unit.session.flush()
        item_id = item.id
    deliver(runtime)
    with runtime.store.unit() as unit:
        return unit.session.get(OutboxItem, item_id).provider_id


def test_a_receipt_of_a_failed_reply_to_a_sensitive_complaint_s_author_goes_to_the_leaders(
        app, runtime, tg_server, tw_server):
    """On WhatsApp, the bot's own message to a levy complaint's author is accepted, then Twilio
    reports it undelivered: the leaders read it privately, the group nothing. The same for an
    ordinary complaint's author is reported to the group."""
    _receipts(app, runtime, tw_server)
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, KEPALA, OFFICER_CHAT)}
    for number, story, kind in (("+6281377724503", LEVY, "4"),
                                ("+6281377724504", ORDINARY, "1")):
        phone = TwilioSender(app.test_client(), runtime.config.settings, number=number)
        reply = ""
        for said in ("halo", "1", story, "lanjut"):
            reply = phone.says(said)
        ticket = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": kind,
                                                        "Catat sebagai": "1"})).group(0)
        deliver(runtime)
        sensitive = number.endswith("503")
        assert (complaint(runtime, ticket).type == "pungli") is sensitive
        assert tw_server.send_status(_pause_sent(runtime, number), "undelivered", 30008) == 200
        deliver(runtime)
        group = [t for t in _since(tg_server, OFFICER_CHAT, seen) if "tidak terkirim" in t]
        if sensitive:
            assert group == [], group
            for leader in (KASI, KEPALA):
                [report] = [t for t in _since(tg_server, leader, seen)
                            if "Pesan tidak terkirim" in t]
                assert "pengingat cerita" in report and "30008" in report, report
                assert number not in report and number[3:] not in report, report
        else:
            [report] = group
            assert "pengingat cerita" in report and "WhatsApp" in report, report

"""Session 41, helper C41, defect 2: every notice closing a person's talk names it.

`/tutup` closed the request first and then told the person: the notice read the live request
(`notify.talk_handle`), found none, and said "Petugas menutup percakapan. Terima kasih." with
no code; with several talks over weeks the person could not tell which. Now the notice goes
while the talk is live: it names the code they were given (T-…, the ticket of a /balas, or the
R-… of a talk only the leaders answer).

Through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, _phone

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
FILED = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)


def _closed(runtime: Any, number: str) -> str:
    """The notice the person is sent when the officers close their talk."""
    with runtime.store.unit() as unit:
        [notice] = [i.body for i in unit.outbox_items(kind="relay", address=number)
                    if "menutup percakapan" in i.body or "closed conversation" in i.body]
    return notice


def test_a_talk_the_group_answers_is_named_when_closed(app, runtime, tw_server, clock):
    """"petugas", the group answers under its T-code and closes it: the person reads
    "Petugas menutup percakapan *T-…*"."""
    clock.now = FILED
    phone = _phone(app, runtime, "+6281377741201")
    asked = phone.says("saya mau bicara dengan petugas")
    code = asked.split("(kode *")[1].split("*")[0]
    assert code.startswith("T-"), asked
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/pesan {code} Selamat pagi, ada yang bisa dibantu?") == "officer"
    assert group.send(f"/tutup {code}") == "officer"
    deliver(runtime)
    notice = _closed(runtime, "+6281377741201")
    assert f"Petugas menutup percakapan *{code}*" in notice and "*menu*" in notice, notice


def test_the_answer_to_a_reply_is_named_by_its_ticket_when_closed(app, runtime, tw_server,
                                                                   clock):
    """A /balas on a named complaint, answered, then `/tutup TIKET`: the notice names the
    ticket, the name the person knows that talk by."""
    clock.now = FILED
    phone = _phone(app, runtime, "+6281377741202")
    ticket = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/balas {ticket} Mohon kirim foto kuitansinya, Pak.") == "officer"
    deliver(runtime)
    phone.says("baik pak, nanti sore saya kirim")
    assert group.send(f"/tutup {ticket}") == "officer"
    deliver(runtime)
    notice = _closed(runtime, "+6281377741202")
    assert f"menutup percakapan *{ticket}*" in notice, notice


def test_a_leaders_only_talk_is_named_by_its_r_code_in_english(app, runtime, tw_server,
                                                                 clock):
    """Filed anonymously at 09.41, "I want to talk to an officer" at 09.42 (the leaders'
    talk, R-…, which they read from the slot: tests/test_privacy_s43_held_codes.py): Kasi
    Tikkim closes it privately, and the person reads, in English, that the leadership
    (pimpinan kantor) closed talk *R-…*, never "petugas"."""
    clock.now = FILED
    number = "+6281377741203"
    phone = _phone(app, runtime, number)
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    clock.now = FILED + dt.timedelta(minutes=1)
    asked = phone.says("I want to talk to an officer")
    code = asked.split("(reference *")[1].split("*")[0]
    assert code.startswith("R-"), asked
    clock.now = alert_slot(runtime.config.office_config, complaint(runtime, hidden).created_at)
    deliver(runtime)
    assert officer(app, KASI, private=True).send(f"/tutup {code}") == "officer"
    deliver(runtime)
    notice = _closed(runtime, number)
    assert f"*{code}*" in notice and "etugas" not in notice and "officers" not in notice, notice
    assert "Pimpinan kantor menutup" in notice or "leadership" in notice, notice


# --- 4. /permintaan: the answer to a /balas is no request to talk -------------------------
def test_permintaan_lists_the_answer_to_a_reply_apart_from_requests(app, runtime, tg_server,
                                                                    clock):
    """A named complaint's /balas, answered by its complainant, and another person's own
    "petugas": /permintaan counts one request (the T-code, waiting) and lists the ticket apart,
    under "Jawaban atas /balas", as no one's request to talk; it can still be closed by ticket."""
    clock.now = FILED
    phone = _phone(app, runtime, "+6281377741204")
    ticket = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/balas {ticket} Mohon kirim foto kuitansinya, Pak.") == "officer"
    deliver(runtime)
    phone.says("baik pak, nanti sore saya kirim")
    other = _phone(app, runtime, "+6281377741205")
    asked = other.says("saya mau bicara dengan petugas")
    code = asked.split("(kode *")[1].split("*")[0]
    deliver(runtime)
    assert group.send("/permintaan") == "officer"
    deliver(runtime)
    listing = _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    requests, _, replies = listing.partition("Jawaban atas /balas")
    assert "Permintaan bicara dengan petugas (1 menunggu jawaban)" in requests, listing
    assert code in requests and ticket not in requests, listing
    assert ticket in replies and "tidak meminta bicara" in replies, listing
    assert "1 pesan dari pelapor" in replies, listing
    assert "/tutup TIKET" in listing, listing
    assert group.send(f"/tutup {ticket}") == "officer"
    deliver(runtime)
    assert group.send("/permintaan") == "officer"
    deliver(runtime)
    assert "Jawaban atas /balas" not in _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])


def test_permintaan_with_only_an_answer_to_a_reply_says_no_one_asked(app, runtime, tg_server,
                                                                     clock):
    """Only a /balas's talk is live: "Tidak ada permintaan bicara dengan petugas", and the
    ticket below it, apart."""
    clock.now = FILED
    phone = _phone(app, runtime, "+6281377741206")
    ticket = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/balas {ticket} Paspor Bapak sudah bisa diambil besok.") == "officer"
    deliver(runtime)
    assert group.send("/permintaan") == "officer"
    deliver(runtime)
    listing = _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert listing.startswith("🙋 Tidak ada permintaan bicara dengan petugas"), listing
    assert listing.index("Jawaban atas /balas") < listing.index(ticket), listing

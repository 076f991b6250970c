"""Privacy review of session 19's second half (helper M2): what landed on 2026-12-04.

1. A follow-up to a filed complaint (more details, a correction right after filing, an
   objection at the rating question) leaves a line in the complaint's trail naming the
   talk-to-officer request it went through ("lewat permintaan P-12"). The P-code is the
   person: the group's notice of an earlier talk, while all their complaints were openly named,
   printed it beside their name. `/lihat` of a later confidential complaint, in the group (or
   of a sensitive one, in any officer's private chat), printed the code again, tying the
   concealed complaint to the name. Only a reader who may see who complained reads the code in
   the trail (and the leaders, whose copies of the talk name its tickets anyway).
2. An officer's answer (`/pesan`) or closing (`/tutup`) in a talk only the leaders answer (it
   reported a levy or an officer's conduct) that could not be delivered was reported to the
   officers' group with its channel and the provider's cause ("Pesan WhatsApp tidak sampai ke
   pelapor: pelapor memblokir pesan dari kantor"), while the group's notice of that talk names
   no channel (the officer reported may be reading). The web chat's report already left them
   out; WhatsApp receipts and Telegram's refusals now do the same.
3. A guard (no leak found): text Telegram refuses, sent again as plain text or in parts, stays
   protected (protect_content) in every part and goes only to its chat.

On SQLite and PostgreSQL (`bot_app`)."""
from __future__ import annotations

import re
from typing import Any, Callable

import pytest

from bot.notify import alert_slot
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_twilio_receipts import app_and_runtime  # noqa: F401 - the fixture
from tests.test_worker import queue, runtime  # noqa: F401 - the fixture

pytestmark = pytest.mark.timeout(240)

CODE = re.compile(r"\bP-\d+\b")
TALK = re.compile(r"\bT-\d+\b")     # a talk's own code, for everyone (test_privacy_s40a_codes)
NAME = "Marthen Rumbiak"
LEVY = "soal uang administrasi 500 ribu yang diminta di loket"


def _group(tg_server, since: int = 0) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(tg_server.sent_texts(OFFICER_CHAT)[since:])


def _names(code: str, text: str) -> bool:
    return re.search(rf"\b{code}\b", text) is not None


def _file(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


# --- 1. the request's code in the trail of a concealed complaint ------------------------------
def _named_then_followed_up(runtime: Any, tg_server: Any, phone: TwilioSender) -> str:
    """An openly named complaint, then a follow-up to it: the group's notice of that talk
    prints the person's name, the ticket and the request's code together. The code."""
    phone.says("halo")
    named = _file(phone, "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas",
                  {"Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "tulis nama saya",
                   "Tuliskan nama Anda": NAME})
    deliver(runtime)
    code = TALK.search(phone.says("ada tambahan")).group(0)
    phone.says("selesai")
    deliver(runtime)
    group = _group(tg_server)
    assert NAME in group and code in group and named in group, group
    return code


def test_the_trail_of_a_confidential_complaint_shows_the_group_no_request_code(
        bot_app, tg_server, tw_server, clock):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255519311",
                         profile_name=NAME)
    code = _named_then_followed_up(runtime, tg_server, phone)
    hidden = _file(phone, "Loket pengambilan paspor tutup jam 11 padahal jadwalnya sampai jam 3",
                   {"Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "tulis nama saya",
                    "Tuliskan nama Anda": "rahasiakan nama saya",
                    "nama Anda dirahasiakan": NAME})
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(hidden).identity_mode == "confidential"
    # the group knows of the confidential one from its alert's slot on
    # (bot.desk.privacy.released); before it, their talk is the leaders' (test_privacy_s30.py)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    # with a confidential complaint on file, the group reads their talk by its own code
    # (T-n), never again by the P-code it read beside their name (tests/test_privacy_s25b.py)
    talk = re.search(r"\b[PT]-\d+\b", phone.says("ada tambahan")).group(0)
    assert talk.startswith("T-"), talk
    phone.says("selesai")
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {hidden}")
    TelegramUser(app.test_client(), KASI).send(f"/lihat {hidden}")
    deliver(runtime)
    shown = _group(tg_server, before)
    assert hidden in shown and "Riwayat" in shown, shown
    assert "keterangan atau bukti tambahan" in shown, shown       # the line stays, codeless
    assert not _names(code, shown) and not _names(talk, shown) and NAME not in shown, shown
    assert _names(talk, "\n".join(tg_server.sent_texts(KASI)))   # a leader may see who


def test_the_trail_of_a_sensitive_complaint_shows_an_officer_no_request_code(
        bot_app, tg_server, tw_server):
    """A whistleblower's levy report (confidential, sensitive), opened by a petugas in a
    private chat, as every officer not kept away from it may: the code was there."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255519312",
                         profile_name=NAME)
    code = _named_then_followed_up(runtime, tg_server, phone)
    hidden = _file(phone, "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi",
                   {"Pengaduan Anda tentang apa": "4", "identitas Anda dicatat": "tulis nama saya",
                    "Tuliskan nama Anda": NAME, "ingin dirahasiakan": "ya, rahasiakan"})
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(hidden)
        assert complaint.identity_mode == "confidential"
        assert runtime.notifier.sensitive(complaint)
    phone.says("ada tambahan")
    phone.says("selesai")
    deliver(runtime)
    before = len(tg_server.sent_texts(PETUGAS))
    TelegramUser(app.test_client(), PETUGAS).send(f"/lihat {hidden}")
    deliver(runtime)
    shown = "\n".join(tg_server.sent_texts(PETUGAS)[before:])
    assert hidden in shown and "Riwayat" in shown, shown
    # the talk was the leaders' only: its line is not the petugas's to read (identity.in_trail)
    assert "keterangan atau bukti tambahan" not in shown, shown
    assert not _names(code, shown) and NAME not in shown, shown


# --- 2. an undeliverable answer in a talk only the leaders answer -------------------------------
def _leaders_only_talk(app, runtime, number: str) -> str:  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number)
    phone.says("halo")
    code = TALK.search(phone.says("mau bicara sama petugas")).group(0)
    phone.says(LEVY)
    deliver(runtime)
    return code


def _answer_is_told_without_channel(app: Any, runtime: Any, tg_server: Any, code: str,
                                    fail: Callable[[], None]) -> None:
    kasi = TelegramUser(app.test_client(), KASI)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    told = {leader: len(tg_server.sent_texts(leader)) for leader in (KASI, KEPALA)}
    # a talk only the leaders answer answers to its own code, R-n, never the person's P-code
    # (tests/test_privacy_s24.py)
    talk = re.findall(r"\bR-\d+\b", "\n".join(tg_server.sent_texts(KASI)))[-1]
    assert kasi.send(f"/pesan {talk} Terima kasih, laporan Anda kami tindak lanjuti") == "officer"
    deliver(runtime)
    fail()
    deliver(runtime)
    group = _group(tg_server, before)
    # the officers still hear of it: the leaders, privately; the group reads nothing of it
    # (tests/test_privacy_s24.py)
    assert "Pesan tidak terkirim" not in group, group
    for leader in (KASI, KEPALA):
        assert any("Pesan tidak terkirim" in t for t in tg_server.sent_texts(leader)[told[leader]:])
    for trace in ("WhatsApp", "Telegram", "memblokir", "blocked", "30004", "Forbidden"):
        assert trace not in group, (trace, group)
    assert not CODE.search(group), group


def test_an_undelivered_whatsapp_answer_in_a_leaders_talk_names_no_channel_to_the_group(
        app_and_runtime, tg_server, tw_server):
    app, runtime = app_and_runtime
    number = "+6281255519321"
    code = _leaders_only_talk(app, runtime, number)

    def fail() -> None:
        with runtime.store.unit() as unit:
            sid = [item for item in unit.outbox_items(kind="relay")
                   if item.address.endswith(number)][-1].provider_id
        assert tw_server.send_status(sid, "undelivered", 30004) == 200
    _answer_is_told_without_channel(app, runtime, tg_server, code, fail)


def test_a_refused_telegram_answer_in_a_leaders_talk_names_no_channel_to_the_group(
        bot_app, tg_server, tw_server):
    app, runtime = bot_app
    person = TelegramUser(app.test_client(), 7300419331, first_name="Yohana")
    person.send("halo")
    person.send("mau bicara sama petugas")
    person.send(LEVY)
    deliver(runtime)
    code = TALK.search("\n".join(tg_server.sent_texts(7300419331))).group(0)
    tg_server.block(7300419331)               # blocked the bot: the answer is refused

    _answer_is_told_without_channel(app, runtime, tg_server, code, lambda: None)


# --- 3. a guard: text Telegram refuses goes again plain or in parts, still protected ------------
def test_a_protected_text_sent_again_plain_or_in_parts_stays_protected(runtime, tg_server):
    """A leader's copy naming a concealed complainant is sent with protect_content (not
    forwarded, not saved). Sent again as plain text after "can't parse entities", or in parts
    when too long, every message that carries it must stay protected, and nothing of it may be
    cut off or go elsewhere (no leak was found)."""
    rt = runtime()
    leader = str(KASI)
    tg_server.fail_next("sendMessage", status=400, description=(
        "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 12"))
    queue(rt, address=leader, kind="identity", protect=True,
          body="🔒 Pelapor: *Yohanes Mangkubumi* (+62 812-••••-7351)")
    lines = [f"{n:03d}. Yohanes Mangkubumi menulis lagi tentang loket {n}" for n in range(120)]
    queue(rt, address=leader, kind="identity", protect=True, body="\n".join(lines))
    deliver(rt)
    sent = [c for c in tg_server.calls_to("sendMessage") if c.status == 200]
    assert len(sent) >= 3, [c.params for c in sent]                # plain, then parts
    assert all(str(c.params.get("chat_id")) == leader for c in tg_server.calls_to("sendMessage"))
    assert all(str(c.params.get("protect_content")).lower() == "true" for c in sent), \
        [c.params.get("protect_content") for c in sent]
    texts = tg_server.sent_texts(KASI)
    assert texts[0] == "🔒 Pelapor: Yohanes Mangkubumi (+62 812-••••-7351)"
    assert [line for text in texts[1:] for line in text.split("\n")] == lines
    assert tg_server.sent_texts(OFFICER_CHAT) == []

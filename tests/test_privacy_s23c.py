"""Privacy review of session 23 (helper P23c): a talk only the leaders answer had the person's
P-code, and the group was told of it at once.

1. Rina talked in the group as P-1 (the petugas answered "/pesan P-1 Selamat sore Bu Rina…"),
   then filed an anonymous levy complaint and asked for an officer again. The talk was now the
   leaders', and Kasi Tikkim and the Kepala Kantor read "Pelapor TRK-… (P-1) meminta bicara
   dengan petugas": they had read P-1 beside her name in the group. Now a talk only the leaders
   answer carries the request's own code, R-<request id> (`bot.notify.talk_code`), never shown in
   the group: their notice, relays, /permintaan, /pesan, /tutup and /bukti use it, and anyone
   else typing it reads the one answer a talk not live in the group gets.
2. The group read "🙋 Pelapor meminta bicara dengan petugas … Dibalas Kasi Tikkim atau Kepala
   Kantor" at the minute of that request, right after her named talk ended and her sensitive
   complaint was filed. Now the group reads nothing of such a request.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import io
import re
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from bot import identity
from bot.desk.evidence import none_here
from bot.desk.message import closed_here
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
T_CODE = re.compile(r"\bT-\d{7,8}\b")
R_CODE = re.compile(r"\bR-\d+\b")
NAME = "Rina Marlina"
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
NUMBER = "+6281377723301"


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def _group(app: Any, who: int = PETUGAS) -> TelegramUser:
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def _refusal(app: Any, runtime: Any, tg_server: Any, command: str, who: int = PETUGAS,
             private: bool = False) -> str:
    """The answer a refused command reads, in the group or the officer's private chat."""
    user = TelegramUser(app.test_client(), who) if private else _group(app, who)
    assert user.send(command) == "refused", command
    deliver(runtime)
    return _plain(tg_server.sent_texts(who if private else OFFICER_CHAT)[-1])


def _walk(app: Any, runtime: Any, tg_server: Any, tw_server: Any) -> dict[str, Any]:
    """The walker's sequence: a named talk in the group (under its T-code), answered there; an
    anonymous levy complaint; a new request with a photo. What the group and the leaders read
    since; "p_code": the person's P-code, which nothing may show
    (tests/test_privacy_s40a_codes.py)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    told = phone.says("Bicara dengan petugas")
    assert not P_CODE.search(told), told
    t_code = T_CODE.search(told).group(0)
    phone.says("pak paspor saya kapan jadi ya, saya Rina")
    deliver(runtime)
    group = _plain("\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    assert f"Kode: {t_code}" in group and "kapan jadi" in group, group   # the group reads T-n
    assert not P_CODE.search(group), group
    assert _group(app).send(f"/pesan {t_code} Selamat sore Bu Rina, kami cek dulu.") \
        == "officer"
    deliver(runtime)
    assert "kami akhiri" in phone.says("selesai")
    reply = ""
    for said in ("menu", "1", LEVY, "lanjut"):
        reply = phone.says(said)
    hidden = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "4",
                                                    "identitas Anda dicatat": "anonim"})).group(0)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    p_code = f"P-{complaint(runtime, hidden).complainant_id}"
    deliver(runtime)
    seen = {who: len(tg_server.sent_texts(who)) for who in (OFFICER_CHAT, KASI, KEPALA)}
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    url = tw_server.add_media("ME" + "7" * 32, _photo(), "image/jpeg")
    phone.say("ini foto kuitansi uang yang diminta itu pak", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    return {"phone": phone, "p_code": p_code, "hidden": hidden, "seen": seen,
            "since": {who: [_plain(t) for t in tg_server.sent_texts(who)[seen[who]:]]
                      for who in seen}}


def test_a_leaders_talk_after_a_named_group_talk_never_shows_the_p_code(
        app, runtime, tg_server, tw_server):
    """The leaders' notice and relays of the new talk name the anonymous ticket beside a code
    of its own (R-n), never P-n; the group reads nothing at all of the new request."""
    run = _walk(app, runtime, tg_server, tw_server)
    p_code, hidden, since = run["p_code"], run["hidden"], run["since"]
    assert since[OFFICER_CHAT] == [], since[OFFICER_CHAT]      # not even "someone asked"
    codes = set()
    for leader in (KASI, KEPALA):
        told = "\n".join(since[leader])
        assert not re.search(rf"\b{p_code}\b", told), told
        [notice] = [t for t in since[leader] if "meminta bicara dengan petugas" in t]
        r_code = R_CODE.search(notice).group(0)
        codes.add(r_code)
        assert f"Pelapor {hidden} ({r_code})" in notice, notice
        assert f"/pesan {r_code} teks" in notice and f"/tutup {r_code}" in notice, notice
        relays = [t for t in since[leader] if "Pesan dari pelapor" in t]
        assert relays and all(f"({r_code}, WhatsApp)" in t for t in relays), relays
        assert "kuitansi" in relays[-1] and f"/bukti {r_code}" in relays[-1], relays
        assert r_code != p_code.replace("P", "R"), (r_code, p_code)   # not the P-code renamed
    assert len(codes) == 1, codes                                   # one talk, one code


def test_the_leaders_answer_the_new_code_and_nobody_else_can(app, runtime, tg_server, tw_server):
    """/pesan R-n from a leader in a private chat reaches her; from a petugas (in the group or
    privately) and from a leader in the group it reads the fixed answer, word for word the one
    of a code nobody has. /bukti and /tutup likewise; /permintaan lists R-n to the leaders
    only, and P-n nowhere; a leader reopens the closed talk by R-n."""
    run = _walk(app, runtime, tg_server, tw_server)
    p_code = run["p_code"]
    [notice] = [t for t in run["since"][KASI] if "meminta bicara dengan petugas" in t]
    r_code = R_CODE.search(notice).group(0)
    nobody = "R-999999"
    to_her = f"whatsapp:{NUMBER}"

    # everyone but a leader in a private chat: one answer, the one of a code nobody has
    for who, private in ((PETUGAS, False), (PETUGAS, True), (KASI, False)):
        here = lambda code: closed_here(code, private)   # noqa: E731 (its private hint)
        for command, fixed in ((f"/pesan {{}} Bu Rina?", here),
                               ("/tutup {}", here), ("/bukti {}", none_here)):
            said = _refusal(app, runtime, tg_server, command.format(r_code), who, private)
            assert said == f"⛔ {fixed(r_code)}", said
            other = _refusal(app, runtime, tg_server, command.format(nobody), who, private)
            assert said.replace(r_code, "R-N") == other.replace(nobody, "R-N"), (said, other)
    assert not [m for m in tw_server.sent_messages(to=to_her) if "Bu Rina?" in m.params["Body"]]
    assert sent_files(tg_server, PETUGAS) == []
    # the group's /permintaan does not list her; the leader's lists R-n, never P-n
    assert _group(app).send("/permintaan") == "officer"
    deliver(runtime)
    listed = _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert r_code not in listed and not re.search(rf"\b{p_code}\b", listed), listed
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/permintaan") == "officer"
    deliver(runtime)
    listed = _plain(tg_server.sent_texts(KASI)[-1])
    assert r_code in listed and not re.search(rf"\b{p_code}\b", listed), listed

    # the leaders, in a private chat: the code works
    assert kasi.send(f"/pesan {r_code} Baik Bu, laporan Anda kami terima.") == "officer"
    deliver(runtime)
    assert "laporan Anda kami terima" in tw_server.sent_messages(to=to_her)[-1].params["Body"]
    assert f"Pesan untuk {r_code} dikirim" in _plain(tg_server.sent_texts(KASI)[-1])
    assert kasi.send(f"/bukti {r_code}") == "officer"
    deliver(runtime)
    assert sent_files(tg_server, KASI), tg_server.sent_texts(KASI)[-1]
    assert kasi.send(f"/tutup {r_code}") == "officer"
    deliver(runtime)
    assert f"Permintaan {r_code} ditutup" in _plain(tg_server.sent_texts(KASI)[-1])
    # closed: the Kepala Kantor reopens it by the same code
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/pesan {r_code} Bu, satu pertanyaan lagi.") == "officer"
    deliver(runtime)
    assert "satu pertanyaan lagi" in tw_server.sent_messages(to=to_her)[-1].params["Body"]
    assert not re.search(rf"\b{p_code}\b", "\n".join(
        _plain(t) for t in tg_server.sent_texts(KASI)[run["seen"][KASI]:]))


def test_a_request_code_of_a_talk_the_group_answers_is_no_handle(app, runtime, tg_server):
    """An R-code names only a talk the leaders answer: the request of an ordinary group talk,
    typed as R-n by a leader in a private chat, reads the answer of a code nobody has."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377723302",
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("pak paspor saya kapan jadi ya")
    deliver(runtime)
    with runtime.store.unit() as unit:
        [(request, _, _)] = unit.live_contact_requests()
        r_code = f"R-{request.id}"
    said = _refusal(app, runtime, tg_server, f"/pesan {r_code} halo", KASI, private=True)
    assert said == f"⛔ {closed_here(r_code, private=True)}", said


def test_the_trail_hides_a_leaders_talk_code_as_it_hides_a_p_code() -> None:
    """A follow-up's line names the request it went through; to anyone but a leader who may
    see who complained, an R-code goes as a P-code does."""
    hidden = identity.TRAIL_REQUEST_HIDDEN
    item = SimpleNamespace(identity_mode="anonymous", complainant=None, type="pungli")
    for code in ("P-12", "R-7"):
        event = SimpleNamespace(note=f"Pelapor menambah keterangan (lewat permintaan {code})")
        note = identity.trail_note(event, item, identity.GROUP)
        assert note == f"Pelapor menambah keterangan {hidden}", note

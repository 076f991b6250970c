"""Privacy review of session 43: what a leader reaches by an R-code, and what a held talk's
failure tells.

- A talk held for an anonymous complaint's slot (tests/test_privacy_s42t_held_talk.py) reached
  its leaders' notice only at the slot, but a leader typing `/pesan R-1`, `R-2`, … before it
  answered that talk: the person read his message at 09.44, a minute after they asked, and a
  minute after their named alert the group had read. Before the slot an R-code of a held talk
  now reads, word for word, as a code nobody has (/pesan, /tutup, /bukti), and the person
  receives nothing.
- The held talk's message to the leaders said "Balas: /pesan R-n" twice (the notice's, then
  the lines'): once now.
- A talk the group read under its T-code (a photo too) that later turned to the leaders (a
  levy told in it) opened, under its R-code, the files the group had read: a leader, who reads
  the group too, tied the two codes. `/bukti R-n` now opens only the files the leaders alone
  were sent.
- A leader's copy of a leaders-only talk that could not be delivered was reported to the
  group ("⚠️ Pesan tidak terkirim / Jenis pesan: pengingat petugas" at the slot of an
  anonymous complaint): the other leaders read of it privately, with what it was; the group
  reads at most the notice it reads of any officer the bot cannot reach privately.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from PIL import Image

from bot.notify import HELD_TALK, LEADERS_FLAG, SENSITIVE_FLAG
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file, _group_since
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import FILED, _filed, _slot
from tests.test_privacy_s41d_rcodes import _live, _same_refusal, _to

pytestmark = pytest.mark.timeout(300)

T_CODE = re.compile(r"\bT-\d{7,8}\b")
R_CODE = re.compile(r"\bR-\d+\b")
SAID = "AC di ruang tunggu mati sejak minggu lalu"


def _since(tg_server: Any, chat: int, seen: int) -> str:
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])


def _held_talk(app: Any, runtime: Any, tg_server: Any, tw_server: Any, clock: Any,
               number: str) -> tuple[str, TwilioSender]:
    """Anonymous at 09.41 (held for its slot); at 09.43 "saya mau bicara dengan petugas" and
    a message: the talk the leaders read from the slot. Its ticket and the phone."""
    hidden = _filed(app, runtime, clock, number, FACILITY, ANONYMOUS)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    clock.now = FILED + dt.timedelta(minutes=2)
    phone.says("saya mau bicara dengan petugas")
    phone.says(SAID)
    deliver(runtime)
    return hidden, phone


def test_a_held_talks_r_code_reaches_nothing_before_the_slot(app, runtime, tg_server,
                                                            tw_server, clock):
    """Before the slot Kasi Tikkim and the Kepala Kantor, privately, read for `/pesan R-n …`,
    `/tutup R-n` and `/bukti R-n` what a code nobody has reads; the person receives nothing
    and the talk stays open, unanswered. At the slot each reads the talk once, its way of
    answering said once, and `/pesan R-n` then reaches the person."""
    number = "+6281377743101"
    hidden, _ = _held_talk(app, runtime, tg_server, tw_server, clock, number)
    talk = _live(runtime, hidden)
    r_code = f"R-{talk.id}"
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA)}
    clock.now = _slot(runtime, hidden) - dt.timedelta(minutes=5)
    deliver(runtime)            # the person's "✅ Tersimpan" once they stopped typing
    told = len(_to(tw_server, number))
    for leader in (KASI, KEPALA):
        _same_refusal(app, runtime, tg_server, "/pesan", r_code, leader, " Selamat pagi")
        _same_refusal(app, runtime, tg_server, "/tutup", r_code, leader)
        _same_refusal(app, runtime, tg_server, "/bukti", r_code, leader)
    assert _to(tw_server, number)[told:] == []
    live = _live(runtime, hidden)
    assert live is not None and live.id == talk.id and live.status == "open"
    for leader in (KASI, KEPALA):      # only the refusals: nothing of the talk yet
        got = _since(tg_server, leader, seen[leader])
        assert SAID not in got and "meminta bicara" not in got, got
    clock.now = _slot(runtime, hidden)
    deliver(runtime)
    for leader in (KASI, KEPALA):
        [held] = [_plain(t) for t in tg_server.sent_texts(leader)[seen[leader]:]
                  if SAID in _plain(t)]
        assert held.count(f"/pesan {r_code}") == 1, held
        assert held.count(f"/tutup {r_code}") == 1, held
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {r_code} Baik, AC akan kami periksa hari ini") == "officer"
    deliver(runtime)
    assert any("AC akan kami periksa" in body for body in _to(tw_server, number)[told:])


def test_a_group_talk_turned_to_the_leaders_opens_only_their_files_by_its_r_code(
        app, runtime, tg_server, tw_server, clock):
    """A named person talks in the group under a T-code and sends a photo (the group reads
    it); then tells of a levy (the talk turns to the leaders) and sends another photo. Under
    R-n Kasi Tikkim gets the second photo only; the group's `/bukti T-n` no longer opens
    anything (the talk is not the group's any more)."""
    number = "+6281377743102"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Wahyudi Prasetyo")
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Tuliskan nama Anda": "Wahyudi Prasetyo",
                                    "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    t_code = T_CODE.search(phone.says("saya mau bicara dengan petugas")).group(0)
    url = tw_server.add_media("ME" + "7" * 32, _photo(), "image/jpeg")
    phone.say("ini foto antrean tadi pagi", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    group = _group_since(tg_server, seen)
    assert f"Kode: {t_code}" in group and "antrean" in group, group
    seen_kasi = len(tg_server.sent_texts(KASI))
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("tadi petugas loket minta uang 500 ribu biar paspor cepat jadi, itu pungli kan")
    out = io.BytesIO()
    Image.new("RGB", (40, 24), (20, 90, 200)).save(out, "JPEG")
    second = out.getvalue()
    url = tw_server.add_media("ME" + "9" * 32, second, "image/jpeg")
    phone.say("ini kuitansinya", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    assert "kuitansi" not in _group_since(tg_server, seen)
    leaders = _since(tg_server, KASI, seen_kasi)
    assert "kuitansi" in leaders, leaders
    r_code = f"R-{_live(runtime, named).id}"
    assert r_code in leaders, leaders
    before = len(sent_files(tg_server, KASI))
    assert TelegramUser(app.test_client(), KASI).send(f"/bukti {r_code}") == "officer"
    deliver(runtime)
    got = sent_files(tg_server, KASI)[before:]
    assert [name for name, _, _ in got] == [f"Lampiran_{r_code}_1.jpg"], got
    shown = Image.open(io.BytesIO(got[0][1]))
    assert shown.size == (40, 24), shown.size      # the leaders' photo, not the group's
    files = len(sent_files(tg_server, OFFICER_CHAT))
    assert _group(app).send(f"/bukti {t_code}") == "refused"
    deliver(runtime)
    assert len(sent_files(tg_server, OFFICER_CHAT)) == files


def test_a_held_talks_failure_is_the_other_leaders_to_read(app, runtime, tg_server, tw_server,
                                                          clock):
    """Kasi Tikkim blocked the bot: at the slot his copy of the held talk fails. The Kepala
    Kantor reads privately that the talk's message did not reach him ("permintaan bicara
    dengan petugas", not "pengingat petugas"); the group reads no "Pesan tidak terkirim", at
    most the notice it reads of any officer the bot cannot reach privately."""
    number = "+6281377743103"
    hidden, _ = _held_talk(app, runtime, tg_server, tw_server, clock, number)
    tg_server.block(KASI)
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KEPALA, OFFICER_CHAT)}
    clock.now = _slot(runtime, hidden)
    deliver(runtime)
    clock.now = _slot(runtime, hidden) + dt.timedelta(minutes=10)
    deliver(runtime)
    group = _since(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT])
    assert "Pesan tidak terkirim" not in group and "Jenis pesan" not in group, group
    kepala = [_plain(t) for t in tg_server.sent_texts(KEPALA)[seen[KEPALA]:]]
    [report] = [t for t in kepala if "Pesan tidak terkirim" in t]
    assert "Jenis pesan: permintaan bicara dengan petugas" in report, report
    assert "pengingat" not in report, report
    assert "Tujuan: salinan untuk" in report and "Kanal" not in report, report
    assert any(SAID in t for t in kepala), kepala       # his own copy came


def test_a_leaders_copy_fails_to_the_others_whatever_the_error(runtime):
    """Whatever the error, a leader's copy of a leaders-only talk (its notice, or the person's
    lines) is reported to the other leaders only, never to the leader it missed nor to the
    group; an error that says the bot cannot reach him adds only the group's usual notice."""
    notifier = runtime.notifier
    flags = {SENSITIVE_FLAG: True, LEADERS_FLAG: [str(KASI), str(KEPALA)]}
    for kind, payload, label in (
            ("held_ping", {HELD_TALK: 7, "notice": {"text": "x"}, **flags},
             "permintaan bicara dengan petugas"),
            ("held_ping", {HELD_TALK: 7, "notice": None, "lines": ["halo"], **flags},
             "pesan pelapor kepada petugas"),
            ("relay_in", {"lines": ["halo"], **flags}, "pesan pelapor kepada petugas"),
            ("officer_request", {**flags}, "permintaan bicara dengan petugas")):
        reports = notifier.undeliverable_reports(
            kind=kind, channel="telegram", address=str(KASI), payload=payload,
            status="failed", error="Bad Request: message is too long")
        assert [r["address"] for r in reports] == [str(KEPALA)], (kind, reports)
        assert f"Jenis pesan: {label}" in reports[0]["body"], reports[0]["body"]
        blocked = notifier.undeliverable_reports(
            kind=kind, channel="telegram", address=str(KASI), payload=payload,
            status="undeliverable", error="Forbidden: bot was blocked by the user")
        assert [r["address"] for r in blocked] == [str(OFFICER_CHAT), str(KEPALA)], blocked
        assert "Pesan tidak terkirim" not in blocked[0]["body"], blocked[0]["body"]
        assert "Jenis pesan" not in blocked[0]["body"], blocked[0]["body"]


def test_a_held_talk_turned_to_the_leaders_anyway_goes_at_once_notice_first(
        app, runtime, tg_server, tw_server, clock):
    """A held talk (09.43) in which the person then tells of a levy (09.44): the talk is the
    leaders' anyway, so its waiting notice goes at once with the levy line after it, in one
    message, before the slot; the leaders then answer it by its R-code. The group reads
    nothing of it."""
    number = "+6281377743104"
    hidden, phone = _held_talk(app, runtime, tg_server, tw_server, clock, number)
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA, OFFICER_CHAT)}
    clock.now = FILED + dt.timedelta(minutes=3)
    phone.says("tadi di loket saya dimintai uang 300 ribu sama petugas biar cepat")
    deliver(runtime)
    assert clock.now < _slot(runtime, hidden)
    r_code = f"R-{_live(runtime, hidden).id}"
    for leader in (KASI, KEPALA):
        [told] = [_plain(t) for t in tg_server.sent_texts(leader)[seen[leader]:]
                  if "300 ribu" in _plain(t)]
        asked, levy = told.find("meminta bicara"), told.find("300 ribu")
        assert 0 <= asked < told.find(SAID) < levy, told
        assert told.count(f"/pesan {r_code}") == 1, told
    group = _since(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT])
    assert "300 ribu" not in group and SAID not in group, group
    told = len(_to(tw_server, number))
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {r_code} Terima kasih, akan kami tindak lanjuti") == "officer"
    deliver(runtime)
    assert any("akan kami tindak lanjuti" in b for b in _to(tw_server, number)[told:])

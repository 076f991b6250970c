"""Privacy review of session 33 (helper P33, walker W43 #1 and #5, W37 #5).

- A person files NAMED TRK-A at 09.30 and ANONYMOUS TRK-B at 09.41 (slot 10.00), then sends a
  photo or a withdrawal wish at 09.43: the leaders' private notice read "📎 Pelapor TRK-A (R-1)
  mengirim keterangan … untuk pengaduannya … Alasan: permintaan ini datang sebelum slot …",
  tying the named person to the anonymous complaint and pointing at the wrong one. Now it
  names no ticket and gives a reason that does not say why the talk is held.
- T-codes decoded to the request counter (id × 7919): now a keyed permutation. A T-talk's
  group notice no longer shows the channel the held alert hides.
- The held alert's step line said "batas sudah lewat ⚠️ TERLAMBAT" and "(Petugas)" at the slot
  where /lihat said "(Petugas: …), batas 10.00–11.00"; the petugas' step-2 ping gave the hour of
  the receipt's own deadline, narrower than the slot's window.

Through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot import tickets
from bot.notify import open_code, open_request_id
from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_kept_documents import fetch_all
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, _phone
from bot.concealed import mask_typed_pin

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
R_CODE = re.compile(r"\bR-\d+\b")
T_CODE = re.compile(r"\bT-\d+\b")
LEADERS = (KASI, KEPALA)


def _texts(tg_server: Any, chat: int, seen: int = 0) -> str:
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])


def _both(app: Any, runtime: Any, clock: Any, number: str) -> tuple[Any, str, str]:
    """Named passport complaint at 09.30, anonymous facility one at 09.41 (slot 10.00)."""
    clock.now = dt.datetime(2026, 12, 1, 9, 30, tzinfo=WITA)
    phone = _phone(app, runtime, number)
    named = _file(phone, PASSPORT, {"Pengaduan Anda tentang apa": "1", **NAMED})
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    return phone, named, hidden


def _held_notice_names_nobody(said: str, named: str, hidden: str) -> None:
    assert named not in said and hidden not in said, said
    assert "pengaduannya" not in said, said
    assert "slot" not in said, said           # the reason does not say why it is held
    assert "Alasan:" in said, said            # but there is one, as on every unnamed notice
    assert R_CODE.search(said), said


def test_a_held_follow_up_beside_a_named_complaint_names_no_ticket_to_the_leaders(
        app, runtime, tg_server, tw_server, clock):
    """The 09.43 photo: the leaders' notice and relay name neither ticket, and the photo still
    lands on the anonymous complaint."""
    phone, named, hidden = _both(app, runtime, clock, "+6281377733001")
    seen = {who: len(tg_server.sent_texts(who)) for who in (*LEADERS, OFFICER_CHAT)}
    clock.now = dt.datetime(2026, 12, 1, 9, 43, tzinfo=WITA)
    url = tw_server.add_media("ME" + "3" * 32, _photo(), "image/jpeg")
    phone.say("", media=[(url, "image/jpeg")])
    fetch_all(runtime, tg_server)
    deliver(runtime)
    assert _texts(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT]) == ""
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)   # the leaders read it at the slot
    deliver(runtime)
    for leader in LEADERS:
        said = _texts(tg_server, leader, seen[leader])
        assert "mengirim keterangan atau bukti tambahan" in said, said
        _held_notice_names_nobody(said, named, hidden)
    kasi = TelegramUser(app.test_client(), KASI)
    for ticket, files in ((hidden, 1), (named, 0)):
        before = len(tg_server.sent_texts(KASI))
        kasi.send(f"/lihat {ticket}")
        deliver(runtime)
        assert f"Bukti: {files} berkas" in _texts(tg_server, KASI, before), ticket


def test_a_held_withdrawal_wish_beside_a_named_complaint_names_no_ticket(
        app, runtime, tg_server, tw_server, clock):
    """ "saya mau mencabut pengaduan saya yang soal AC" at 09.45: no "TRK-A meminta
    pengaduannya dicabut", which a leader would act on against the named complaint."""
    phone, named, hidden = _both(app, runtime, clock, "+6281377733002")
    seen = {who: len(tg_server.sent_texts(who)) for who in LEADERS}
    clock.now = dt.datetime(2026, 12, 1, 9, 45, tzinfo=WITA)
    phone.says("saya mau mencabut pengaduan saya yang soal AC")
    deliver(runtime)
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)   # the leaders read it at the slot
    deliver(runtime)
    for leader in LEADERS:
        said = _texts(tg_server, leader, seen[leader])
        assert "meminta pengaduan dicabut" in said, said
        _held_notice_names_nobody(said, named, hidden)


def test_an_anonymous_persons_held_talk_still_names_its_ticket(app, runtime, tg_server,
                                                               tw_server, clock):
    """Control: with no named complaint beside it, the leaders read the anonymous ticket as
    before (nobody to tie it to)."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377733003")
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    seen = len(tg_server.sent_texts(KASI))
    clock.now = dt.datetime(2026, 12, 1, 9, 45, tzinfo=WITA)
    phone.says("saya mau mencabut pengaduan saya")
    deliver(runtime)
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)   # the leaders read it at the slot
    deliver(runtime)
    said = _texts(tg_server, KASI, seen)
    assert f"Pelapor {hidden} (R-" in said and "meminta pengaduannya dicabut" in said, said
    assert "slot" not in said, said


@pytest.fixture
def keyed() -> Any:
    """A deployment PIN key for the test's duration (the codes' key derives from it)."""
    before = [key.decode() for key in tickets._KEYS]
    tickets.use_pin_keys(["k" * 40])
    yield
    tickets.use_pin_keys(before)


def test_talk_codes_do_not_count_requests(keyed):
    """Consecutive requests' codes show no step, depend on the deployment's key, and each names
    its own request back; a code of the old shape (T-31676 = 4 × 7919) names none."""
    ids = range(1, 60)
    codes = [open_code(i) for i in ids]
    assert all(open_request_id(c) == i for c, i in zip(codes, ids)), codes
    assert len(set(codes)) == len(codes)
    numbers = [int(c[2:]) for c in codes]
    steps = {b - a for a, b in zip(numbers, numbers[1:])}
    assert len(steps) > len(numbers) // 2, steps
    assert all(n % 7919 for n in numbers), numbers
    tickets.use_pin_keys(["q" * 40])
    assert [open_code(i) for i in ids] != codes
    assert open_request_id("T-31676") is None
    assert open_request_id(open_code(12_345_678)) == 12_345_678  # past seven digits: eight
    # never six digits, which would be masked wherever a typed PIN is (a leader's /lihat)
    assert all(len(c) == len("T-") + 7 for c in codes) and mask_typed_pin(
        f"bukti tambahan (lewat permintaan {codes[0]})") == (
        f"bukti tambahan (lewat permintaan {codes[0]})")


def test_a_t_talk_shows_no_channel_to_the_group(app, runtime, tg_server, tw_server, clock):
    """After the slot, the anonymous person's talk: the group reads its T-code, no channel."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377733004")
    _file(phone, FACILITY, ANONYMOUS)
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("Bicara dengan petugas")
    phone.says("saya mau tanya kapan pengaduan saya diproses")
    deliver(runtime)
    group = _texts(tg_server, OFFICER_CHAT, seen)
    assert T_CODE.search(group) and "kapan pengaduan saya diproses" in group, group
    assert "Kanal" not in group and "WhatsApp" not in group, group


def _step_line(text: str) -> str:
    [line] = [x for x in text.splitlines() if x.startswith("Langkah berikutnya")]
    return line.replace("Langkah berikutnya: ", "")


def test_the_held_alert_reads_its_step_as_lihat_does(app, runtime, tg_server, tw_server, clock):
    """At the slot, the held alert's step line (owners and deadline) is /lihat's, word for
    word: not "(Petugas), batas sudah lewat ⚠️ TERLAMBAT" beside "(Petugas: …), batas
    10.00–11.00"."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377733005")
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    clock.now = alert_slot(runtime.config.office_config, clock())
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    deliver(runtime)
    alert = _texts(tg_server, OFFICER_CHAT, seen)
    assert f"Pengaduan baru {hidden}" in alert, alert
    _group(app).send(f"/lihat {hidden}")
    deliver(runtime)
    view = _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert "TERLAMBAT" not in _step_line(alert), alert
    assert _step_line(alert) == _step_line(view), (alert, view)


def test_the_step_2_ping_gives_the_slots_window(app, runtime, tg_server, tw_server, clock):
    """The petugas' private ping of an anonymous complaint filed at 09.41 (deadline 09.51):
    the window /lihat reads (as of the 10.00 slot), not 09.00–10.00. (It waits for the slot.)"""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    phone = _phone(app, runtime, "+6281377733006")
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    [ping] = [_plain(t) for t in tg_server.sent_texts(PETUGAS)
              if "Giliran Anda" in t and hidden in t]
    [line] = [x for x in ping.splitlines() if x.startswith("Batas waktu")]
    _group(app).send(f"/lihat {hidden}")
    deliver(runtime)
    window = re.search(r"batas (\S+, \d+ \w+ \d{4} \d{2}\.\d{2}\u2013\d{2}\.\d{2})",
                       _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])).group(1)
    assert window in line, (line, window)

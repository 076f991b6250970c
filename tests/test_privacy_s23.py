"""Privacy review of session 23 (helper P23): two leftovers of the talk rules.

1. The leaders' private copy of a talk only they answer was masked by `identity.redact_person`,
   which masked a person's name, numbers and tickets only once one of their complaints was
   confidential or anonymous: a Kasi Tikkim who read "Rina" in her talk saw the name go the day
   she filed an anonymous complaint, and the heading lost her named ticket when that complaint
   was sensitive. Now the copy is masked the same whatever the person files
   (`identity.redact_leaders_talk`; `notify.leaders_tickets` leaves anonymous tickets out before
   choosing).
2. The group's "🆕 Pengaduan baru … (sensitif)" came at the minute of filing, right after a
   petugas had been talking to the person. Now it waits for the next slot of
   `privacy.sensitive_alert_slots` (the leaders are told at once), and is written again as it
   goes, so its next step and deadline are true when it arrives.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.config import ConfigError, load_office_config
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver, \
    take_step
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

CODE = re.compile(r"\bR-\d+\b")      # a leaders' talk's own code (bot.notify.talk_code)
NAME = "Rina Marlina"
SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
WITA = dt.timezone(dt.timedelta(hours=8))


def _phone(app: Any, runtime: Any, number: str) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    return phone


def _file(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


def _plain(texts: list[str]) -> str:
    return "\n".join(re.sub(r"<[^>]+>", "", t) for t in texts)


def _relays(tg_server: Any, leader: int, since: int) -> str:
    """The relays of a talk a leader read privately since `since`, code and clock neutral."""
    told = [t for t in tg_server.sent_texts(leader)[since:] if "Pesan dari pelapor" in t]
    return re.sub(r"\[\d{2}\.\d{2}\]", "[HH.MM]", CODE.sub("R-N", _plain(told)))


# --- 1. the leaders' copy of a talk -------------------------------------------------------------
def test_the_leaders_copy_of_a_talk_masks_the_same_before_and_after_an_anonymous_complaint(
        app, runtime, tg_server):
    """Rina, named on a complaint, reports a levy in a talk (so only the leaders read it),
    writing her name, number and ticket; she ends it, files an anonymous levy complaint, and
    writes the same words in a new talk. Each leader reads the two copies alike (but the code
    and clock): her name, number and tickets masked both times, her named ticket beside the
    code both times, the anonymous ticket never."""
    phone = _phone(app, runtime, "+6281377723101")
    named = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                "identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME})
    assert complaint(runtime, named).identity_mode == "named"
    said = (f"nama saya {NAME}, hp 0812-3456-7777, soal tiket {named}: petugas loket minta "
            "uang tambahan 500 ribu supaya cepat")
    copies = []
    hidden = None
    for _ in range(2):
        deliver(runtime)
        before = {leader: len(tg_server.sent_texts(leader)) for leader in (KASI, KEPALA)}
        phone.says("menu")
        phone.says("Bicara dengan petugas")
        phone.says(said)
        deliver(runtime)
        copies.append({leader: _relays(tg_server, leader, before[leader])
                       for leader in (KASI, KEPALA)})
        assert "kami akhiri" in phone.says("selesai")
        if hidden is None:
            hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4",
                                         "identitas Anda dicatat": "anonim"})
            assert complaint(runtime, hidden).identity_mode == "anonymous"
    first, second = copies
    for leader in (KASI, KEPALA):
        for copy in (first[leader], second[leader]):
            assert "500 ribu" in copy, copy                       # the leaders read the talk
            assert f"Pesan dari pelapor {named} (R-N" in copy, copy   # beside her named ticket
            assert not re.search(r"\bP-\d+\b", copy), copy              # never the P-code
            for leak in ("Rina", "Marlina", "3456", "7777", hidden):
                assert leak not in copy, (leak, copy)
            body = copy.split("\n", 1)[1]
            assert named not in body and "TRK-" in body, body     # every ticket masked
        assert first[leader] == second[leader], (first[leader], second[leader])


def test_the_leaders_notice_of_a_talk_keeps_its_ticket_and_reason_after_an_anonymous_one(
        app, runtime, tg_server):
    """The leaders' private notice of a new request named the person's named ticket and gave
    the reason ("Alasan"); after an anonymous sensitive complaint the ticket went and so did the
    reason, which said that one had been filed. Both stay."""
    phone = _phone(app, runtime, "+6281377723102")
    named = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                "identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME})
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("petugas loket minta uang tambahan 500 ribu supaya cepat")
    assert "kami akhiri" in phone.says("selesai")
    notices = []
    hidden = None
    for _ in range(2):
        deliver(runtime)
        before = len(tg_server.sent_texts(KASI))
        phone.says("menu")
        phone.says("Bicara dengan petugas")
        deliver(runtime)
        told = [_plain([t]) for t in tg_server.sent_texts(KASI)[before:]
                if "meminta bicara" in t]
        assert len(told) == 1, told
        notices.append(CODE.sub("R-N", told[0]))
        assert "kami akhiri" in phone.says("selesai")
        if hidden is None:
            hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4",
                                         "identitas Anda dicatat": "anonim"})
            assert complaint(runtime, hidden).identity_mode == "anonymous"
    for notice in notices:
        assert f"Pelapor {named} (R-N)" in notice and "Alasan" in notice, notice
        assert hidden not in notice, notice
    assert notices[0] == notices[1], notices


# --- 2. when the group reads a sensitive alert ------------------------------------------------
def _group_alerts(tg_server: Any) -> list[str]:
    return [_plain([t]) for t in tg_server.sent_texts(OFFICER_CHAT) if "Pengaduan baru" in t]


def test_a_sensitive_alert_reaches_the_group_at_the_next_slot_and_the_leaders_at_once(
        app, runtime, tg_server, clock):
    """Filed at 10.05 and 11.30 (WITA): the leaders read each at once, the group neither before
    12.00, then both together, each with the step it is at then and a deadline true then (step
    2 done for one of them meanwhile; the other's step-2 deadline passed, said without its
    hour, which tells the hour it came in). An ordinary complaint's alert still goes at once."""
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    first = _file(_phone(app, runtime, "+6281377723103"), LEVY,
                  {"Pengaduan Anda tentang apa": "4"})
    deliver(runtime)
    assert any(first in t and "untuk pimpinan" in t for t in tg_server.sent_texts(KASI))
    assert any(first in t and "untuk pimpinan" in t for t in tg_server.sent_texts(KEPALA))
    assert first not in _plain(tg_server.sent_texts(OFFICER_CHAT))
    # an ordinary complaint filed meanwhile by name: at once (a concealed one waits as this
    # does, tests/test_privacy_s26.py)
    clock.now = dt.datetime(2026, 12, 1, 10, 20, tzinfo=WITA)
    ordinary = _file(_phone(app, runtime, "+6281377723104"), SLOW,
                     {"Pengaduan Anda tentang apa": "1", "Tuliskan nama Anda": NAME,
                      "identitas Anda dicatat": "tulis nama saya",
                      "ingin dirahasiakan": "Tidak, nama saya boleh diketahui petugas"})
    deliver(runtime)
    assert any(ordinary in t for t in _group_alerts(tg_server))
    assert first not in _plain(tg_server.sent_texts(OFFICER_CHAT))
    # step 2 of the first is done in a private chat before its alert goes
    assert take_step(TelegramUser(app.test_client(), PETUGAS), first, "",
                     "reported_to_kasi") == "officer"
    assert complaint(runtime, first).stage == "reported_to_kasi"
    clock.now = dt.datetime(2026, 12, 1, 11, 30, tzinfo=WITA)
    second = _file(_phone(app, runtime, "+6281377723105"), LEVY,
                   {"Pengaduan Anda tentang apa": "4"})
    clock.now = dt.datetime(2026, 12, 1, 11, 59, 59, tzinfo=WITA)
    deliver(runtime)
    assert any(second in t for t in tg_server.sent_texts(KASI))
    group = _plain(tg_server.sent_texts(OFFICER_CHAT))
    assert first not in group and second not in group, group
    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)
    alerts = [t for t in _group_alerts(tg_server) if "(sensitif)" in t]
    # both at the slot (sent side by side, so in either order)
    assert sorted(TICKET.search(t).group(0) for t in alerts) == sorted([first, second]), alerts
    by_ticket = {TICKET.search(t).group(0): t for t in alerts}
    # the first moved on to step 3 (its deadline, 10 service minutes after step 2, has passed)
    assert "Langkah berikutnya: 3." in by_ticket[first], by_ticket[first]
    assert "Langkah berikutnya: 2." in by_ticket[second], by_ticket[second]
    for alert in alerts:
        # its deadline as /lihat reads it: as of the slot, by the hour (test_privacy_s33.py)
        assert "TERLAMBAT" not in alert and "12.00–13.00 WITA" in alert, alert
        assert not re.search(r"1[01]\.\d\d", alert), alert        # no hour of filing


def test_a_sensitive_alert_whose_deadline_is_ahead_says_it(app, runtime, tg_server, clock):
    """Filed at 11.55, its step-2 deadline (12.05) is still ahead at the 12.00 slot: the
    alert gives it (the hour it falls in), not late."""
    clock.now = dt.datetime(2026, 12, 1, 11, 55, tzinfo=WITA)
    ticket = _file(_phone(app, runtime, "+6281377723106"), LEVY,
                   {"Pengaduan Anda tentang apa": "4"})
    deliver(runtime)
    assert ticket not in _plain(tg_server.sent_texts(OFFICER_CHAT))
    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)
    alert = "\n".join(_group_alerts(tg_server))
    assert ticket in alert and "(sensitif)" in alert, alert
    assert "12.00–13.00 WITA" in alert and "TERLAMBAT" not in alert, alert


@pytest.mark.parametrize("slots", [[], ["8:00"], ["08:00", "08:00"], ["25:00"], "08:00"])
def test_the_slot_list_is_checked_when_the_configuration_is_loaded(tmp_path, slots):
    """A bad `privacy.sensitive_alert_slots` stops the start with its key named."""
    import yaml
    from pathlib import Path
    data = yaml.safe_load((Path(__file__).parent.parent / "config.yml").read_text())
    data["privacy"]["sensitive_alert_slots"] = slots
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ConfigError, match="sensitive_alert_slots"):
        load_office_config(path)

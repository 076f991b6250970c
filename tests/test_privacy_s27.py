"""Privacy review of session 27 (helper P27): what the hold of a hidden complaint's alert
hides stays hidden everywhere else.

- A confidential or anonymous complaint of an ordinary type, whose group alert waits for its
  slot (`identity.held_for_slot`), is shown as a sensitive one is to every reader but a leader
  in a private chat: its channel "Dirahasiakan" and its moments as dates, in the held alert,
  /lihat and the register (`identity.conceals_receipt`).
- /datapribadi and /hapusdata by a named ticket answer alike whether or not the person also
  filed anonymously: the export by a handle never carries the anonymous complaint, and says to
  everyone that a complete copy needs the number; the erasure preview counts no messages.
- A named complaint erased within its first hours stays known to the group.
- A profile name made of words of the open name is no trace in that complaint's files.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace
from typing import Any

import pytest

from bot import identity
from bot.paperwork.recap import register_row
from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain
from tests.test_privacy_s25b import FACILITY, NAME, NAMED, PASSPORT, _file

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
MINUTE = re.compile(r"\b\d{2}\.\d{2}\b")
ANONYMOUS = {"Pengaduan Anda tentang apa": "8", "identitas Anda dicatat": "anonim"}


def _asked(tg_server: Any, user: TelegramUser, runtime: Any, text: str, chat: int) -> str:
    before = len(tg_server.sent_texts(chat))
    user.send(text)
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[before:])


def _phone(app: Any, runtime: Any, number: str, profile: str = NAME) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=profile)
    phone.says("halo")
    return phone


def test_a_hidden_ordinary_complaint_shows_no_channel_nor_minute_outside_the_leaders(
        app, runtime, tg_server, clock):
    """An anonymous facility complaint at 09.41: its held alert, the group's /lihat after the
    slot and the register's row carry neither "WhatsApp" nor a minute; nor does Kasi Tikkim's
    private /lihat (anonymous: the leaders read it as everyone does,
    tests/test_privacy_s42a_anonymous_leaders.py)."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    hidden = _file(_phone(app, runtime, "+6281377727701"), FACILITY, ANONYMOUS)
    deliver(runtime)
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)
    deliver(runtime)
    alert = "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)
                      if "Pengaduan baru" in t and hidden in t)
    assert "Kanal: Dirahasiakan" in alert and "WhatsApp" not in alert, alert
    seen = _asked(tg_server, _group(app), runtime, f"/lihat {hidden}", OFFICER_CHAT)
    assert f"📄 {hidden}" in seen and "Kanal: Dirahasiakan" in seen, seen
    assert "WhatsApp" not in seen and "09.41" not in seen, seen
    assert not MINUTE.search(seen.split("Riwayat")[1]), seen
    leader = _asked(tg_server, TelegramUser(app.test_client(), KASI), runtime,
                    f"/lihat {hidden}", KASI)
    assert "Kanal: Dirahasiakan" in leader and "WhatsApp" not in leader, leader
    assert "09.41" not in leader, leader
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        stored = unit.complaint_by_ticket(hidden)
        row = register_row(stored, config.sensitive_types)
        own = register_row(stored, config.sensitive_types, leaders=True)
    assert row.concealed and row.channel != "whatsapp", row
    # the leaders' own file gives an anonymous one's moments as dates too, its channel kept
    # for the Kanwil's counts (tests/test_privacy_s42b_leaders_files.py)
    assert own.concealed and own.channel == "whatsapp", own


def _person_with(app: Any, runtime: Any, number: str, anonymous: bool) -> str:
    """A named passport complaint, and (`anonymous`) an anonymous facility one after it."""
    phone = _phone(app, runtime, number)
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    if anonymous:
        _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    return named


def _answer(app: Any, runtime: Any, tg_server: Any, command: str) -> str:
    return _asked(tg_server, TelegramUser(app.test_client(), KASI), runtime, command, KASI)


def test_data_requests_by_a_named_ticket_read_alike_with_or_without_an_anonymous_complaint(
        app, runtime, tg_server):
    """Two people, each with a named complaint, one of them with an anonymous complaint too:
    /datapribadi and /hapusdata by the named ticket answer both in the same words (but the
    ticket), the export names the number for a complete copy, and its files never carry the
    anonymous complaint or its story."""
    plain = _person_with(app, runtime, "+6281377727702", anonymous=False)
    both = _person_with(app, runtime, "+6281377727703", anonymous=True)
    person_id = complaint(runtime, both).complainant_id
    with runtime.store.unit() as unit:
        theirs = unit.complaints_of(person_id, limit=10)
    [hidden] = [c.ticket for c in theirs if c.identity_mode == "anonymous"]
    for command in ("/datapribadi {}", "/hapusdata {} permintaan pelapor"):
        one = _answer(app, runtime, tg_server, command.format(plain))
        other = _answer(app, runtime, tg_server, command.format(both))
        assert "tidak ditemukan" not in other and "hanya dari nomor" not in other, other
        assert other == one.replace(plain, both), (one, other)
    exported = _answer(app, runtime, tg_server, f"/datapribadi {both}")
    assert "/datapribadi NOMOR" in exported and "1 pengaduan" in exported, exported
    files = sent_files(tg_server, KASI)
    [data] = [json.loads(b) for n, b, _ in files[-2:] if n.endswith(".json")]
    text = json.dumps(data, ensure_ascii=False)
    assert both in text and hidden not in text and "AC di ruang tunggu" not in text


def test_a_named_complaint_erased_in_its_first_hours_stays_known_to_the_group(
        app, runtime, tg_server, clock):
    """Filed by name at 10.05 (its alert read at once), erased by /hapusdata at 10.20: the
    group's /lihat at 10.30 still opens it, without the erased name."""
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    named = _person_with(app, runtime, "+6281377727704", anonymous=False)
    clock.now = dt.datetime(2026, 12, 1, 10, 20, tzinfo=WITA)
    done = _answer(app, runtime, tg_server, f"/hapusdata {named} YAKIN permintaan pelapor")
    assert "dihapus" in done, done
    assert complaint(runtime, named).identity_mode == "anonymous"
    clock.now = dt.datetime(2026, 12, 1, 10, 30, tzinfo=WITA)
    seen = _asked(tg_server, _group(app), runtime, f"/lihat {named}", OFFICER_CHAT)
    assert f"📄 {named}" in seen and "tidak ditemukan" not in seen, seen
    assert NAME not in seen, seen


def test_an_erasure_is_told_from_an_anonymous_filing_by_its_trail(runtime):
    """`held_for_slot`: an anonymous complaint whose trail holds the erasure's line (written
    only on a complaint filed by name) is not held; one filed anonymously is."""
    config = runtime.config.office_config
    ordinary = next(k for k in config.complaint_types if k not in config.sensitive_types)
    erased = SimpleNamespace(type=ordinary, identity_mode="anonymous",
                             events=[SimpleNamespace(action=None), SimpleNamespace(action="erase")])
    filed = SimpleNamespace(type=ordinary, identity_mode="anonymous",
                            events=[SimpleNamespace(action=None)])
    assert not identity.held_for_slot(erased, config.sensitive_types)
    assert identity.held_for_slot(filed, config.sensitive_types)


def test_a_profile_name_within_the_open_name_is_no_trace_in_its_files():
    """Filed by name as "Budi Santoso" from the profile "Budi": the report's "Pelapor : Budi
    Santoso" carries no trace; a profile name that is not part of it ("Andi") still is one, and
    every name is one for an anonymous complaint."""
    def person(profile: str) -> SimpleNamespace:
        return SimpleNamespace(name="Budi Santoso", profile_name=profile, channel="telegram",
                               address="555000111")
    named = SimpleNamespace(identity_mode="named", reporter_name="Budi Santoso", type="x")
    report = "Pelapor : Budi Santoso"
    assert not identity.file_traces(named, person("Budi")).found_in(report)
    assert not identity.file_traces(named, person("santoso budi")).found_in(report)
    assert identity.file_traces(named, person("Andi")).found_in("Pelapor : Andi")
    anonymous = SimpleNamespace(identity_mode="anonymous", reporter_name=None, type="x")
    assert identity.file_traces(anonymous, person("Budi")).found_in(report)

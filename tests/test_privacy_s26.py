"""Privacy review of session 26 (helper P26): no timing link between a talk and a hidden
complaint.

A person talks with the officers in the group (P-n, beside their name), the talk ends, and
minutes later they file an anonymous or confidential complaint of an ordinary type. Its group
alert came at once, so every petugas could tie it to the person they had just been talking to.
Now the alert of any complaint whose reporter the group may not know waits for the next of
`privacy.sensitive_alert_slots`, as a sensitive one does (`identity.held_for_slot`), and
until then the group acts as if it had not been filed (`bot.desk.privacy.released`); the alert
gives neither the minute of receipt nor step 2's minute. The step-2 officer's private ping and
the leaders' private notice of a confidential complaint stay immediate.

`/datapribadi P-n` and `/hapusdata P-n` from Kasi Tikkim answered a person with an anonymous
complaint differently from anyone else ("only by the number", an erasure preview): now, as
/pesan (`bot.desk.message.check_own_code`), word for word as a code nobody has.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest

from bot import identity
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain, _refusal
from tests.test_privacy_s25b import NAME, NAMED, PASSPORT, _anonymous, _file, _group_since, \
    _named_talk

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
UNKNOWN = "TRK-2345-6789"          # well formed, never issued
CONFIDENTIAL = {"Pengaduan Anda tentang apa": "8", "Tuliskan nama Anda": NAME,
                "identitas Anda dicatat": "rahasiakan nama sy ya"}
QUEUE = "Antrean di loket paspor kacau, nomor antrean tidak dipanggil berurutan"
P_CODE = re.compile(r"\bP-\d+\b")


def _asked(runtime: Any, tg_server: Any, user: TelegramUser, text: str) -> str:
    """What the bot answered `text` in the user's chat."""
    before = len(tg_server.sent_texts(user.chat_id))
    user.send(text)
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(user.chat_id)[before:])


def _alerts(tg_server: Any, ticket: str, since: int = 0) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[since:]
            if "Pengaduan baru" in t and ticket in t]


def test_an_anonymous_complaint_after_a_talk_reaches_the_group_at_its_slot(
        app, runtime, tg_server, clock):
    """Talk as P-n ends at about 09.30; an anonymous passport-queue complaint at 09.41. Until
    10.00 the group reads no alert, /aduan leaves it out and /lihat or /ambil of its ticket read
    as a ticket never issued; step 2 is not given to the petugas who served the talk (his
    ping at 09.41 would tie the two), the leaders are told it needs someone, at 10.00 (they
    read the group too). At 10.00 the alert comes, its receipt a date and step 2's deadline
    without its minute, and the group may open it."""
    clock.now = dt.datetime(2026, 12, 1, 9, 30, tzinfo=WITA)
    phone, _, _ = _named_talk(app, runtime, tg_server)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    pinged = len(tg_server.sent_texts(PETUGAS))
    told = len(tg_server.sent_texts(KASI))
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    hidden = _anonymous(phone, runtime)
    assert hidden not in _group_since(tg_server, seen), _group_since(tg_server, seen)
    assert not any(hidden in t for t in tg_server.sent_texts(PETUGAS)[pinged:])
    assert not any(hidden in t for t in tg_server.sent_texts(KASI)[told:])   # not at once
    group = _group(app)
    clock.now = dt.datetime(2026, 12, 1, 9, 50, tzinfo=WITA)
    listed = _asked(runtime, tg_server, group, "/aduan")
    assert hidden not in listed, listed
    for command in ("/lihat", "/ambil"):
        unknown = _asked(runtime, tg_server, group, f"{command} {UNKNOWN}")
        assert "tidak ditemukan" in unknown, unknown
        said = _asked(runtime, tg_server, group, f"{command} {hidden}")
        assert said == unknown.replace(UNKNOWN, hidden), (said, unknown)
    assert complaint(runtime, hidden).assigned_to is None
    assert _alerts(tg_server, hidden) == []

    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)
    deliver(runtime)
    [needs] = [t for t in tg_server.sent_texts(KASI)[told:]
               if hidden in t and "belum ada petugasnya" in t]              # at the slot
    assert not re.search(r"09\.\d\d", _plain(needs)), needs
    [alert] = _alerts(tg_server, hidden)
    assert "Pelapor: Anonim" in alert and "AC di ruang tunggu" in alert, alert
    assert "Diterima: 1 Desember 2026" in alert, alert
    assert not re.search(r"09\.\d\d", alert), alert   # not 09.41, nor step 2's 09.51
    assert "batas Selasa, 1 Desember 2026 10.00–11.00 WITA" in alert, alert
    seen = _asked(runtime, tg_server, group, f"/lihat {hidden}")
    assert f"📄 {hidden}" in seen and "tidak ditemukan" not in seen, seen
    assert hidden in _asked(runtime, tg_server, group, "/aduan")


def test_a_confidential_complaint_waits_for_its_slot_and_a_named_one_does_not(
        app, runtime, tg_server, clock):
    """At 10.05 a confidential queue complaint: Kasi Tikkim's private notice at once, nothing
    in the group; a named one at 10.10 alerts the group at once, with its minute. At 12.00 the
    confidential one's alert comes, its reporter "dirahasiakan"."""
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    seen = {who: len(tg_server.sent_texts(who)) for who in (KASI, OFFICER_CHAT)}
    first = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377726601",
                         profile_name=NAME)
    first.says("halo")
    hidden = _file(first, QUEUE, CONFIDENTIAL)
    assert complaint(runtime, hidden).identity_mode == "confidential"
    deliver(runtime)
    told = [_plain(t) for t in tg_server.sent_texts(KASI)[seen[KASI]:] if hidden in t]
    assert any("untuk pimpinan" in t for t in told), told
    assert hidden not in _group_since(tg_server, seen[OFFICER_CHAT])

    clock.now = dt.datetime(2026, 12, 1, 10, 10, tzinfo=WITA)
    second = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377726602",
                          profile_name="Siti Aminah")
    second.says("halo")
    named = _file(second, PASSPORT, {**NAMED, "Tuliskan nama Anda": "Siti Aminah",
                                     "Pengaduan Anda tentang apa": "1"})
    assert complaint(runtime, named).identity_mode == "named"
    deliver(runtime)
    [alert] = _alerts(tg_server, named)
    assert "10.10" in alert, alert                  # an open name: at once, as before
    assert _alerts(tg_server, hidden) == []

    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)
    [alert] = _alerts(tg_server, hidden)
    assert "dirahasiakan" in alert and NAME not in alert and "10.05" not in alert, alert


def test_the_hold_is_one_rule_read_from_the_type_and_the_mode(runtime):
    """`identity.held_for_slot`: a sensitive type whatever the mode; an ordinary type unless
    filed by name (an unknown mode fails closed); `released` follows it."""
    from bot.desk.privacy import released
    config = runtime.config.office_config
    sensitive = next(iter(config.sensitive_types))
    ordinary = next(k for k in config.complaint_types if k not in config.sensitive_types)
    at = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    before = dt.datetime(2026, 12, 1, 11, 59, tzinfo=WITA)
    for kind, mode, held in ((sensitive, "named", True), (ordinary, "named", False),
                             (ordinary, "confidential", True), (ordinary, "anonymous", True),
                             (ordinary, "?", True)):
        filed = SimpleNamespace(type=kind, identity_mode=mode, created_at=at)
        assert identity.held_for_slot(filed, config.sensitive_types) is held, (kind, mode)
        assert released(config, filed, before) is not held, (kind, mode)
        assert released(config, filed, dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA))


def test_a_data_request_by_the_p_code_of_a_person_with_an_anonymous_complaint_finds_nobody(
        app, runtime, tg_server):
    """After the talk as P-n and the anonymous complaint, Kasi Tikkim's /datapribadi P-n and
    /hapusdata P-n (with YAKIN too) read word for word as a P-code nobody has: no "only by the
    number" (which no other P-code got), no erasure preview, nothing erased, no file."""
    phone, named, p_code = _named_talk(app, runtime, tg_server)
    _anonymous(phone, runtime)
    person_id = complaint(runtime, named).complainant_id
    nobody = "P-999999"
    for command in ("/datapribadi {}", "/hapusdata {} permintaan pelapor",
                    "/hapusdata {} YAKIN permintaan pelapor"):
        absent = _refusal(app, runtime, tg_server, command.format(nobody), KASI, True)
        said = _refusal(app, runtime, tg_server, command.format(p_code), KASI, True)
        assert said == absent.replace(nobody, p_code), (said, absent)
    assert sent_files(tg_server, KASI) == []
    with runtime.store.unit() as unit:
        assert unit.complainant_by_id(person_id).address        # not erased
        assert unit.data_requests_of(person_id) == []


def test_a_data_request_by_a_named_ticket_does_not_name_the_p_code_of_a_concealed_person(
        app, runtime, tg_server):
    """A person with a named and a confidential complaint: /datapribadi by the named ticket
    sends the files under that ticket, never the P-code (which now finds nobody)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377726603",
                         profile_name=NAME)
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    hidden = _file(phone, QUEUE, CONFIDENTIAL)
    assert complaint(runtime, hidden).identity_mode == "confidential"
    deliver(runtime)
    seen = len(tg_server.sent_texts(KASI))
    assert TelegramUser(app.test_client(), KASI).send(f"/datapribadi {named}") == "officer"
    deliver(runtime)
    told = [_plain(t) for t in tg_server.sent_texts(KASI)[seen:]]
    assert any(f"Data pribadi {named}" in t for t in told), told
    files = sent_files(tg_server, KASI)
    assert [n for n, _, _ in files if n.endswith(".json")], files
    assert not [t for t in told if P_CODE.search(t)], told
    assert not [n for n, _, c in files if P_CODE.search(n + c)], files

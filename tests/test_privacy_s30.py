"""Privacy review of session 30 (helper P30): what a hidden complaint's held alert hides, the
person's own talk does not give back.

- A follow-up (a photo right after filing, "saya mau tambah bukti") or a withdrawal wish of an
  anonymous complaint before its alert's slot: the group read its notice at that minute, under
  the talk's T-code, before the alert itself. Now the talk is the leaders' (told privately
  under its R-code; they answer it), and the group reads nothing of it. From the slot on, a
  new request is the group's again; a named complaint's follow-up is as before.
- The step-2 ping of a held complaint that is not sensitive (anonymous) gave the deadline to
  the minute, that is, the filing minute.
- Retention's anonymisation of an old complaint filed by name wrote no erase line: the group
  then read it concealed, as if filed anonymously.

Through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot import identity
from storage import retention
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_kept_documents import fetch_all
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _photo, _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, _phone

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
FILED = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)     # its alert waits for 10.00
R_CODE = re.compile(r"\bR-\d+\b")
T_CODE = re.compile(r"\bT-\d+\b")
CHATS = (OFFICER_CHAT, KASI, KEPALA)


def _since(tg_server: Any, seen: dict[int, int]) -> dict[int, str]:
    return {who: "\n".join(_plain(t) for t in tg_server.sent_texts(who)[seen[who]:])
            for who in seen}


def _seen(tg_server: Any) -> dict[int, int]:
    return {who: len(tg_server.sent_texts(who)) for who in CHATS}


def _filed(app: Any, runtime: Any, clock: Any, number: str,
           answers: dict[str, str]) -> tuple[Any, str]:
    """A complaint filed at 09.41 (`answers`: ANONYMOUS, or a named passport one)."""
    clock.now = FILED
    phone = _phone(app, runtime, number)
    ticket = _file(phone, FACILITY if answers is ANONYMOUS else PASSPORT, answers)
    deliver(runtime)
    return phone, ticket


def test_a_follow_up_before_the_slot_reaches_the_leaders_only(app, runtime, tg_server,
                                                              tw_server, clock):
    """Anonymous at 09.41; at 09.43 a photo and "saya mau tambah bukti": the group reads
    nothing of it, then or at the slot (where its alert comes); Kasi Tikkim and the Kepala
    Kantor read the notice and the relays (the photo too) under an R-code beside the
    anonymous ticket, and answer by it."""
    phone, hidden = _filed(app, runtime, clock, "+6281377730101", ANONYMOUS)
    seen = _seen(tg_server)
    clock.now = FILED + dt.timedelta(minutes=2)
    url = tw_server.add_media("ME" + "3" * 32, _photo(), "image/jpeg")
    told = phone.say("", media=[(url, "image/jpeg")])
    assert not T_CODE.search(" ".join(told)), told    # the person is told the talk's own code
    phone.says("saya mau tambah bukti")
    fetch_all(runtime, tg_server)
    deliver(runtime)
    since = _since(tg_server, seen)
    assert since[OFFICER_CHAT] == "", since[OFFICER_CHAT]
    # the leaders read it at the slot (tests/test_privacy_s42t_held_talk.py)
    assert since[KASI] == since[KEPALA] == "", since
    # the slot: the alert, and still nothing of the talk
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)
    deliver(runtime)
    since = _since(tg_server, seen)
    for leader in (KASI, KEPALA):
        r_code = R_CODE.search(since[leader]).group(0)
        assert f"Pelapor {hidden} ({r_code}) mengirim keterangan" in since[leader]
        assert f"/bukti {r_code}" in since[leader] and "tambah bukti" in since[leader]
        assert not T_CODE.search(since[leader]), since[leader]
    group = since[OFFICER_CHAT]
    assert f"Pengaduan baru {hidden}" in group, group
    assert "Pelapor mengirim" not in group and not T_CODE.search(group), group
    assert "tambah bukti" not in group and "lampiran" not in group, group
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/pesan {r_code} Baik, bukti Anda kami terima.") == "officer"
    deliver(runtime)
    to_him = [m.params["Body"] for m in tw_server.sent_messages(to="whatsapp:+6281377730101")]
    assert "bukti Anda kami terima" in to_him[-1], to_him[-1]


def test_a_withdrawal_wish_before_the_slot_reaches_the_leaders_only(app, runtime, tg_server,
                                                                    tw_server, clock):
    """Anonymous at 09.41, "saya mau mencabut pengaduan saya" at 09.45: the leaders read the
    wish privately and the Kepala Kantor answers it; the group reads nothing."""
    phone, hidden = _filed(app, runtime, clock, "+6281377730102", ANONYMOUS)
    seen = _seen(tg_server)
    clock.now = FILED + dt.timedelta(minutes=4)
    phone.says("saya mau mencabut pengaduan saya")
    deliver(runtime)
    early = _since(tg_server, seen)
    assert early[OFFICER_CHAT] == early[KEPALA] == "", early   # at the slot (s42t_held_talk)
    clock.now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)
    deliver(runtime)
    since = _since(tg_server, seen)
    assert "Pelapor meminta" not in since[OFFICER_CHAT], since[OFFICER_CHAT]
    assert "dicabut" not in since[OFFICER_CHAT], since[OFFICER_CHAT]
    assert "meminta pengaduannya dicabut" in since[KEPALA], since[KEPALA]
    assert "Alasan: perlindungan pelapor" in since[KEPALA], since[KEPALA]
    r_code = R_CODE.search(since[KEPALA]).group(0)
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/pesan {r_code} Baik, kami proses pencabutannya.") == "officer"
    deliver(runtime)
    to_him = [m.params["Body"] for m in tw_server.sent_messages(to="whatsapp:+6281377730102")]
    assert "kami proses pencabutannya" in to_him[-1], to_him[-1]
    # a petugas in the group cannot reach it by any code the group could guess
    assert _group(app).send("/permintaan") == "officer"
    deliver(runtime)
    assert hidden not in _plain(tg_server.sent_texts(OFFICER_CHAT)[-1])


def test_after_the_slot_a_new_follow_up_is_the_groups_again(app, runtime, tg_server,
                                                            tw_server, clock):
    """Anonymous at 09.41, "saya mau tambah bukti" at 10.05: the group's notice under a T-code,
    as before; the leaders are not told privately."""
    phone, _hidden = _filed(app, runtime, clock, "+6281377730103", ANONYMOUS)
    clock.now = dt.datetime(2026, 12, 1, 10, 5, tzinfo=WITA)
    deliver(runtime)
    seen = _seen(tg_server)
    phone.says("saya mau tambah bukti")
    deliver(runtime)
    since = _since(tg_server, seen)
    assert "Pelapor mengirim keterangan atau bukti tambahan" in since[OFFICER_CHAT]
    assert T_CODE.search(since[OFFICER_CHAT]), since[OFFICER_CHAT]
    assert since[KASI] == "" and since[KEPALA] == "", since


def test_a_named_complaints_follow_up_is_unchanged(app, runtime, tg_server, tw_server, clock):
    """Named at 09.41, "saya mau tambah bukti" at 09.43: the group reads the notice with the
    ticket and the talk's own code at once (never a P-code: test_privacy_s40a_codes.py);
    nothing goes to the leaders."""
    phone, named = _filed(app, runtime, clock, "+6281377730104",
                          {**NAMED, "Pengaduan Anda tentang apa": "1"})
    seen = _seen(tg_server)
    clock.now = FILED + dt.timedelta(minutes=2)
    phone.says("saya mau tambah bukti")
    deliver(runtime)
    since = _since(tg_server, seen)
    assert f"bukti tambahan untuk pengaduannya {named}" in since[OFFICER_CHAT], since
    assert re.search(r"Kode: T-\d+", since[OFFICER_CHAT]), since[OFFICER_CHAT]
    # (a ticket such as TRK-9X8P-3ZFN has "P-" in it: the code is P- and digits alone)
    assert not re.search(r"\bP-\d+\b", since[OFFICER_CHAT]), since[OFFICER_CHAT]
    assert since[KASI] == "" and since[KEPALA] == "", since


def _ping(tg_server: Any, ticket: str) -> str:
    [ping] = [_plain(t) for t in tg_server.sent_texts(PETUGAS)
              if "Giliran Anda" in t and ticket in t]
    return ping


def test_the_step_2_ping_of_an_anonymous_complaint_gives_no_minute(app, runtime, tg_server,
                                                                   clock):
    """The petugas' private step-2 ping: an anonymous complaint's deadline by its hour only
    (its minute is the receipt's plus ten); a named one's to the minute. (The anonymous one's
    ping waits for its 10.00 slot.)"""
    _, hidden = _filed(app, runtime, clock, "+6281377730105", ANONYMOUS)
    _, named = _filed(app, runtime, clock, "+6281377730106",
                      {**NAMED, "Pengaduan Anda tentang apa": "1"})
    clock.now = FILED.replace(hour=10, minute=0)
    deliver(runtime)
    for ticket, coarse in ((hidden, True), (named, False)):
        due = complaint(runtime, ticket).due_at
        due = (due if due.tzinfo else due.replace(tzinfo=dt.timezone.utc)).astimezone(WITA)
        [line] = [x for x in _ping(tg_server, ticket).splitlines()
                  if x.startswith("Batas waktu")]
        assert (due.strftime("%H.%M") in line) is not coarse, (ticket, line)
        assert ("\u2013" in line) is coarse, (ticket, line)


def _archived_long_ago(runtime: Any, ticket: str) -> None:
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        found.stage, found.archived_at = "archived", dt.datetime(2023, 1, 1, tzinfo=WITA)


def test_retention_keeps_a_named_complaint_known_to_the_group(app, runtime, tg_server, clock):
    """Retention makes an old complaint filed by name anonymous: it gets the erase line and
    is read by the group as before (channel, not concealed, not held); an old one filed
    anonymously gets none and stays concealed."""
    _, named = _filed(app, runtime, clock, "+6281377730107",
                      {**NAMED, "Pengaduan Anda tentang apa": "1"})
    _, hidden = _filed(app, runtime, clock, "+6281377730108", ANONYMOUS)
    clock.now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=WITA)
    deliver(runtime)
    for ticket in (named, hidden):
        _archived_long_ago(runtime, ticket)
    with runtime.store.unit() as unit:
        done = retention.anonymise(unit.session, dt.datetime(2024, 12, 1, tzinfo=WITA),
                                   clock())
    assert done["complaints"] == 1, done       # the anonymous one had nothing to strip
    types = runtime.config.office_config.sensitive_types
    for ticket, known in ((named, True), (hidden, False)):
        found = complaint(runtime, ticket)
        assert found.identity_mode == "anonymous", found.identity_mode
        assert identity.erased_from_name(found) is known, ticket
        assert identity.held_for_slot(found, types) is not known, ticket
        assert identity.conceals_receipt(found, types, identity.GROUP) is not known, ticket
        seen = len(tg_server.sent_texts(OFFICER_CHAT))
        _group(app).send(f"/lihat {ticket}")
        deliver(runtime)
        shown = "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])
        assert ("Kanal: WhatsApp" in shown) is known, shown
        assert ("Kanal: Dirahasiakan" in shown) is not known, shown
    # run again: nothing more, and one erase line
    with runtime.store.unit() as unit:
        again = retention.anonymise(unit.session, dt.datetime(2024, 12, 1, tzinfo=WITA),
                                    clock())
    assert again["complaints"] == 0, again
    assert [e.action for e in complaint(runtime, named).events].count("erase") == 1

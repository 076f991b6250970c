"""An officer kept away from a complaint is told nothing of it: the group's alert and the
sweep's notices never mention them (a mention notifies their phone), and being kept away sends
no reminder to the group. A complainant who types an officer's command in their own chat
leaves neither their Telegram id in the log nor their name or ticket in officer_actions."""
from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from bot.roster import Officer
from bot.sop.digest import Digest
from bot.sop.sweep import DeadlineSweep
from handlers import logsafe
from storage.models import OfficerAction
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, TelegramUser,
                                    channel_env, deliver, file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import actions, app, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
SECOND = 100000031          # a second front-line officer, added to the roster for these tests
CITIZEN = 5550123           # an old Telegram account: 7 digits, below the redactor's long ids
STRANGER = 999_999


@pytest.fixture
def two_petugas(make_app, db_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    """(app, runtime) with two petugas on the roster: step 2 belongs to both."""
    app, runtime = make_app(db_url, **channel_env(tg_server, tw_server))
    runtime.config.office_config.roster.append(
        Officer(telegram_id=SECOND, name="Dewi Lestari", role="petugas"))
    return app, runtime


def mentions(message: str, user_id: int) -> bool:
    return f"tg://user?id={user_id}" in message or f'"id": {user_id}' in message


def about(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every message sent to a chat about the ticket, as sent (entities and markup too)."""
    return [json.dumps(c.params, ensure_ascii=False) for c in tg_server.sent_messages(chat)
            if ticket in json.dumps(c.params)]


def sweep_twice(runtime, clock) -> None:  # type: ignore[no-untyped-def]
    """The step-2 reminder (80 % of 10 minutes), then the escalations."""
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    for minutes in (8, 30):
        clock.advance(minutes=minutes)
        sweep.run(runtime.store, clock())
    deliver(runtime)


def test_the_officer_a_complaint_names_is_never_mentioned(two_petugas, tg_server, clock):
    app, runtime = two_petugas
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6285210468499")
    for said in ("halo", "1", "Petugas Pengaduan minta uang lima ratus ribu supaya paspor cepat",
                 "lanjut"):
        phone.says(said)
    reply = walk(phone.says, phone.says("4"), {"Siapa atau unit": "Petugas Pengaduan"})
    ticket = TICKET.search(reply).group(0)
    with runtime.store.unit() as unit:
        assert unit.excluded_officers(unit.complaint_by_ticket(ticket).id) == {str(PETUGAS)}
    deliver(runtime)
    sweep_twice(runtime, clock)
    from bot.notify import alert_slot     # the group's alert (and what follows it) at its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    # the other petugas's step-2 ping waits for the slot too
    assert any("Giliran Anda" in m for m in about(tg_server, SECOND, ticket))
    [alert] = [m for m in about(tg_server, OFFICER_CHAT, ticket) if "Pengaduan baru" in m]
    # a sensitive alert names nobody (whom it leaves out would name the accused); the other
    # petugas is told privately
    assert not mentions(alert, SECOND) and not mentions(alert, PETUGAS)
    group = about(tg_server, OFFICER_CHAT, ticket)
    assert [m for m in group if mentions(m, PETUGAS)] == []
    # Step 2's reminder and escalations are timed by the receipt, whose minute the held
    # complaint hides: they reach the leaders only (test_privacy_s31.py), never the other
    # petugas nor the group.
    assert not any("Pengingat" in m for m in about(tg_server, SECOND, ticket))
    assert not [m for m in group if "Terlambat" in m or "Pengingat" in m]
    told_kasi = about(tg_server, KASI, ticket)
    assert any("Pengingat" in m or "Terlambat" in m for m in told_kasi), told_kasi
    assert about(tg_server, PETUGAS, ticket) == []


def test_an_officer_kasi_tikkim_keeps_away_is_not_mentioned_in_notices(
        two_petugas, tg_server, clock):
    app, runtime = two_petugas
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_081), runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} {SECOND} saudara pelapor") == "officer"
    deliver(runtime)
    sweep_twice(runtime, clock)
    group = about(tg_server, OFFICER_CHAT, ticket)
    notices = [m for m in group if "Terlambat" in m or "Pengingat" in m]
    assert notices and all(mentions(m, PETUGAS) and not mentions(m, SECOND) for m in notices)
    assert not any("Pengingat" in m for m in group)
    assert not any("Pengingat" in m or "Terlambat" in m for m in about(tg_server, SECOND, ticket))
    assert any("Pengingat" in m for m in about(tg_server, PETUGAS, ticket))


def test_a_step_announcement_does_not_mention_an_officer_kasi_tikkim_keeps_away(
        two_petugas, tg_server):
    """The group's announcement of a step done names the next step's officers: step 8's, the
    signature, names step 9's, the petugas. One kept away by /kecualikan is not mentioned."""
    app, runtime = two_petugas
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_082), runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send(f"/kecualikan {ticket} {SECOND} saudara pelapor") == "officer"
    walk_to(app, ticket, "signed")
    deliver(runtime)
    announced = [m for m in about(tg_server, OFFICER_CHAT, ticket) if "langkah 8 selesai" in m]
    assert announced and all(mentions(m, PETUGAS) and not mentions(m, SECOND)
                             for m in announced)


def test_a_complainant_typing_an_officer_command_is_not_kept(app, runtime, caplog):
    logsafe.install(runtime.config.settings)
    try:
        caplog.set_level(logging.INFO)
        user = TelegramUser(app.test_client(), CITIZEN, first_name="Galih Pratama Nunukan")
        ticket = file_on_telegram(user, runtime, story="Calo di parkiran minta satu juta untuk "
                                  "antrean paspor kilat")
        assert user.send(f"/lihat {ticket}") == "refused"
        assert user.press(f"take:{ticket}") == "refused"
        # Officers' refusals are still recorded in full: one on the roster, in private, and
        # someone not on it who typed in the officers' group.
        assert officer(app, PENYUSUN, private=True).send(f"/tahap {ticket}") == "refused"
        assert officer(app, STRANGER).send(f"/lihat {ticket}") == "refused"
        logged = "\n".join(r.getMessage() for r in caplog.records)
    finally:
        logsafe.uninstall()
    assert "officer action refused: view by ••••123" in logged
    assert str(CITIZEN) not in logged
    rows = actions(runtime)
    citizen = [a for a in rows if a.actor_role is None and a.chat_id != str(OFFICER_CHAT)]
    assert [a.action for a in citizen] == ["view", "take"]
    for row in citizen:
        kept = (row.actor_id, row.actor_name, row.chat_id, row.ticket, row.detail)
        assert str(CITIZEN) not in json.dumps(kept) and "Galih" not in json.dumps(kept), kept
        assert row.ticket is None and ticket not in (row.detail or "") and not row.allowed
    [penyusun] = [a for a in rows if a.actor_id == str(PENYUSUN)]
    assert (penyusun.actor_name, penyusun.ticket, penyusun.allowed) == (
        "Penyusun Laporan", ticket, False)
    [stranger] = [a for a in rows if a.actor_id == str(STRANGER)]
    assert (stranger.chat_id, stranger.ticket) == (str(OFFICER_CHAT), ticket)


@pytest.mark.parametrize(("line", "hidden"), [
    ("officer action refused: view by 5550123 (not on roster) in chat 5550123: x", "5550123"),
    ("private chat 73004005 is not its sender 61234567", "73004005"),
    ("rendering files for chat_id=1234567 failed", "1234567"),
    ("from user 99887 (pengirim 4455667)", "99887"),
])
def test_the_log_redactor_masks_a_short_telegram_id_where_it_names_someone(line, hidden):
    shown = logsafe.Redactor()(line)
    assert hidden not in shown and "••••" in shown


@pytest.mark.parametrize("line", [
    "outbox 1234567 sent (alert)", "deadline sweep queued 12 notice(s)",
    "telegram update 10029: refused", "retention: 123456 message texts cleared",
])
def test_the_log_redactor_leaves_other_numbers_alone(line):
    assert logsafe.Redactor()(line) == line


def test_an_officer_kept_away_is_not_named_as_owner_in_any_list(two_petugas, tg_server, clock):
    """/kecualikan keeps the second petugas away: the lists that name each complaint's owner
    (/aduan and /lihat in the group, /saya, the daily digest to the leaders) name only the
    petugas who may act, and the one kept away finds nothing waiting."""
    app, runtime = two_petugas
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_083), runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    before = officer(app, PETUGAS)
    assert before.send("/aduan") == "officer"
    deliver(runtime)
    assert any("Dewi Lestari" in t for t in tg_server.sent_texts(OFFICER_CHAT))  # named: may act
    assert kasi.send(f"/kecualikan {ticket} {SECOND} saudara pelapor") == "officer"
    sweep_twice(runtime, clock)                           # the reminders and the day's digest
    already = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, PETUGAS)}
    group = officer(app, PETUGAS)
    for command in ("/aduan", "/aduan terlambat", f"/lihat {ticket}", "/saya"):
        assert group.send(command) == "officer", command
    assert officer(app, PETUGAS, private=True).send("/saya") == "officer"
    assert officer(app, SECOND, private=True).send("/saya") == "officer"
    deliver(runtime)
    listed = [t for chat in (OFFICER_CHAT, PETUGAS)
              for t in tg_server.sent_texts(chat)[already[chat]:]
              if ticket in t and ("Terbuka" in t or "Tugas saya" in t or "Langkah berikutnya" in t)]
    assert len(listed) >= 4, listed
    owners = [line for t in listed for line in t.splitlines()
              if any(key in line for key in ("Menunggu per orang", "Langkah berikutnya",
                                             "· Petugas"))]
    assert len(owners) >= 5 and not any("Dewi" in line for line in owners), owners
    assert not any("saudara pelapor" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    with runtime.store.unit() as unit:                     # the digest, once it is late
        Digest(runtime.config.office_config, runtime.notifier,
               DeadlineSweep(runtime.config.office_config, runtime.notifier).rules
               ).send(unit, clock(), "2026-12-01")
    deliver(runtime)
    digests = [t for chat in (KASI, KEPALA) for t in tg_server.sent_texts(chat)
               if "Ringkasan harian" in t and ticket in t]
    assert len(digests) == 2, digests
    assert not any("Dewi" in t for t in digests), digests
    mine = [t for t in tg_server.sent_texts(SECOND) if "Tugas saya" in t]
    assert mine and all(ticket not in t and "0 langkah menunggu" in t for t in mine), mine

"""Privacy review of session 32 (helper P32, walker W39): what the group reads when a message to
a held complaint's person fails, and in the relay of their answers.

- The "⚠️ Pesan tidak terkirim" report of an anonymous complaint's update named the channel and
  quoted the provider's error ("Kanal: Telegram / Kesalahan: Forbidden: bot was blocked by the
  user"), which its held alert hides ("Kanal: Dirahasiakan"). The group now reads it without
  them, and that the message goes when the person writes again; the leaders read both,
  privately, Telegram's refusal said in Indonesian. It came before the "langkah … selesai" that
  caused it: it now waits in the complaint's queue to the group.
- The group's copy of the answer to a /balas on an anonymous complaint ("💬 Jawaban pelapor
  TRK-… (Telegram) / [17.01] halo") named the channel and the minute.
- The bot's reply to an anonymous complainant who had blocked the bot, given up on before the
  complaint's alert slot, was reported to the group ("Tiket: - / balasan bot") at once.

Named complaints read as before. Through the real app (Telegram updates, the in-process
worker)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.notify import alert_slot
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain
from tests.test_privacy_s24b import _receipts
from tests.test_privacy_s25b import FACILITY, _file
from tests.test_privacy_s27 import ANONYMOUS as ANONYMOUS_FACILITY
from tests.test_privacy_s27 import _phone

pytestmark = pytest.mark.timeout(300)

ANONYMOUS = {"identitas Anda dicatat": "anonim"}
MINUTE = re.compile(r"\[\d{2}\.\d{2}\]")
WITA = dt.timezone(dt.timedelta(hours=8))


def _texts(tg_server: Any, chat: int, since: int = 0) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(chat)[since:]]


def _blocked_at_step_three(app: Any, runtime: Any, tg_server: Any, clock: Any, user: int,
                           answers: dict[str, str] | None) -> tuple[str, list[str]]:
    """A complaint filed on Telegram by `user`, who then blocks the bot; at its slot (nothing
    delivered in between) steps 2 and 3 are taken, whose update cannot reach them: (ticket,
    what the group read since the filing)."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), user), runtime, answers=answers)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    tg_server.block(user)
    clock.now = alert_slot(runtime.config.office_config, clock())
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    return ticket, _texts(tg_server, OFFICER_CHAT, seen)


def _report(texts: list[str], ticket: str) -> tuple[int, str]:
    [found] = [(at, t) for at, t in enumerate(texts) if "Pesan tidak terkirim" in t
               and ticket in t]
    return found


def test_an_anonymous_complaint_s_failed_update_names_no_channel_and_no_error_in_the_group(
        app, runtime, tg_server, clock):
    """The group reads the ticket, what did not go and that it goes when the person writes
    again, after the step that sent it; not the channel nor Telegram's error. Each leader
    reads both privately, the refusal in Indonesian."""
    seen = {leader: len(tg_server.sent_texts(leader)) for leader in (KASI, KEPALA)}
    ticket, group = _blocked_at_step_three(app, runtime, tg_server, clock, 700_123, ANONYMOUS)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    at, report = _report(group, ticket)
    assert "kabar perkembangan" in report, report
    assert "Kanal" not in report and "Telegram" not in report, report
    assert "blocked" not in report and "memblokir" not in report, report
    assert "menulis lagi kepada bot" in report and "anonim" in report, report
    assert "identitasnya" not in report, report          # no identity to reach them by
    # cause, then effect: step 3's message comes before the report of its failed update
    [step_three] = [i for i, t in enumerate(group) if ticket in t and "langkah 3" in t.lower()]
    assert step_three < at, group
    for leader in (KASI, KEPALA):
        [private] = [t for t in _texts(tg_server, leader, seen[leader])
                     if "Pesan tidak terkirim" in t and ticket in t]
        assert "Kanal: Telegram" in private, private
        assert "penerima memblokir bot" in private and "blocked by the user" in private, private


def test_a_named_complaint_s_failed_update_reads_as_before_with_telegram_s_refusal_explained(
        app, runtime, tg_server, clock):
    """Filed by name: the group reads the channel and the error, now in Indonesian first."""
    ticket, group = _blocked_at_step_three(app, runtime, tg_server, clock, 700_124, None)
    assert complaint(runtime, ticket).identity_mode == "named"
    _, report = _report(group, ticket)
    assert "Kanal: Telegram" in report, report
    assert "Kesalahan: Pesan Telegram tidak sampai: penerima memblokir bot" in report, report
    assert "blocked by the user" in report, report          # Telegram's own words after it
    assert "petugas yang berwenang atas identitasnya" in report, report


def test_the_answer_on_an_anonymous_complaint_names_no_channel_nor_minute_in_the_group(
        app, runtime, tg_server, clock):
    """/balas on an anonymous complaint, answered by its person: the group reads "💬 Jawaban
    pelapor TICKET" and the words, without "(Telegram)" or "[hh.mm]"."""
    user = TelegramUser(app.test_client(), 700_125)
    ticket = file_on_telegram(user, runtime, answers=ANONYMOUS)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert _group(app).send(f"/balas {ticket} Mohon kirim foto kuitansi") == "officer"
    deliver(runtime)
    clock.advance(minutes=3)
    assert user.send("halo, kuitansinya hilang pak") == "complainant"
    deliver(runtime)
    [relay] = [t for t in _texts(tg_server, OFFICER_CHAT, seen) if "kuitansinya hilang" in t]
    assert relay.startswith(f"💬 Jawaban pelapor {ticket}\n"), relay
    assert "Telegram" not in relay and not MINUTE.search(relay), relay
    assert f"/balas {ticket} teks" in relay, relay


def test_a_failed_bot_reply_before_an_anonymous_complaint_s_slot_is_the_leaders(
        app, runtime, tg_server, clock):
    """Filed anonymously at 09.41 (alert at 10.00); blocked, the person writes at 09.43 and
    the bot's reply fails: the group reads nothing of it, then or at the slot, but the alert;
    the leaders read "balasan bot" privately."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    user = TelegramUser(app.test_client(), 700_126)
    ticket = file_on_telegram(user, runtime, answers=ANONYMOUS)
    deliver(runtime)
    seen = {who: len(tg_server.sent_texts(who)) for who in (OFFICER_CHAT, KASI, KEPALA)}
    tg_server.block(700_126)
    clock.now += dt.timedelta(minutes=2)
    assert user.send("halo") == "complainant"
    deliver(runtime)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = _texts(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT])
    assert not [t for t in group if "tidak terkirim" in t], group
    assert [t for t in group if ticket in t and "Pengaduan baru" in t], group
    for leader in (KASI, KEPALA):
        [private] = [t for t in _texts(tg_server, leader, seen[leader])
                     if "Pesan tidak terkirim" in t]
        assert "balasan bot" in private, private


def test_a_failed_update_before_the_slot_reaches_the_group_after_the_held_alert(
        app, runtime, tg_server, clock):
    """Kasi Tikkim's /kabar in his private chat at 09.45 on an anonymous complaint filed at
    09.41, whose person blocked the bot: the group's report waits in the complaint's queue,
    behind its alert held for 10.00, instead of telling the group at 09.45 that a complaint
    it has not heard of exists."""
    clock.now = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
    ticket = file_on_telegram(TelegramUser(app.test_client(), 700_127), runtime,
                              answers=ANONYMOUS)
    deliver(runtime)
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    tg_server.block(700_127)
    clock.now += dt.timedelta(minutes=4)
    assert TelegramUser(app.test_client(), KASI).send(
        f"/kabar {ticket} sedang kami periksa") == "officer"
    deliver(runtime)
    assert not [t for t in _texts(tg_server, OFFICER_CHAT, seen) if ticket in t]
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    group = _texts(tg_server, OFFICER_CHAT, seen)
    [alert] = [i for i, t in enumerate(group) if ticket in t and "Pengaduan baru" in t]
    at, report = _report(group, ticket)
    assert alert < at, group
    assert "Kanal" not in report and "blocked" not in report, report


def test_a_whatsapp_receipt_of_an_anonymous_complaint_s_failure_names_no_channel_in_the_group(
        app, runtime, tg_server, tw_server, clock):
    """Twilio reports the /kabar of an anonymous complaint undelivered (63024): the group
    reads no "WhatsApp", no Twilio code and no cause; each leader reads them privately."""
    _receipts(app, runtime, tw_server)
    number = "+6281299998888"
    ticket = _file(_phone(app, runtime, number), FACILITY, ANONYMOUS_FACILITY)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    seen = {who: len(tg_server.sent_texts(who)) for who in (OFFICER_CHAT, KASI, KEPALA)}
    assert _group(app).send(f"/kabar {ticket} AC sedang kami perbaiki") == "officer"
    deliver(runtime)
    with runtime.store.unit() as unit:
        [update] = unit.outbox_items(kind="update", channel="whatsapp")
        sid = update.provider_id
    assert tw_server.send_status(sid, "undelivered", 63024) == 200
    deliver(runtime)
    _, report = _report(_texts(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT]), ticket)
    assert "WhatsApp" not in report and "63024" not in report and "Kanal" not in report, report
    for leader in (KASI, KEPALA):
        [private] = [t for t in _texts(tg_server, leader, seen[leader])
                     if "Pesan tidak terkirim" in t and ticket in t]
        assert "Kanal: WhatsApp" in private and "63024" in private, private
        assert number not in private and number[3:] not in private, private

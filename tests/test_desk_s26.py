"""A draft sent back (/kembalikan) waits for the report compiler's correction: the deadline
sweep's reminders chase the compiler, not the approver (whose Paraf is refused until then);
an escalation still reaches the leaders, saying the draft waits for the correction and
since when; once the correction is kept, the approver is reminded again.

Through the real app (Telegram updates against the local stand-in) and the real sweep on the
test clock, on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.notify import alert_slot
from bot.paperwork import archive
from bot.sop import returns
from bot.sop.deadlines import schedule
from bot.sop.sweep import DeadlineSweep, deadline_input
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_kept_documents import fetch_all, send_document
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_261
REASON = "nomor BAP di laporan salah tulis"


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def notices(tg_server: Any, chat: int, ticket: str, heading: str, since: int = 0) -> list[str]:
    """The sweep's notices of `heading` about `ticket` that reached `chat`."""
    return [plain(t) for t in tg_server.sent_texts(chat)[since:]
            if ticket in t and heading in t]


def paraf_button(tg_server: Any, chat: int, ticket: str, heading: str) -> bool:
    """Whether the notice of `heading` about `ticket` in `chat` carries step 7's button."""
    [message] = [m for m in tg_server.messages_in(chat)
                 if ticket in str(m.get("text", "")) and heading in str(m.get("text", ""))]
    return f"go:{ticket}:report_drafted" in str(message.get("reply_markup", ""))


def sent_back(app: Any, runtime: Any, tg_server: Any, clock: Any) -> str:
    """A complaint at step 7 (the draft waits for Kasi Tikkim's Paraf), sent back by him."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    # a confidential complaint's group alert waits for its slot (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    walk_to(app, ticket, "report_drafted")
    assert officer(app, KASI, private=True).send(f"/kembalikan {ticket} {REASON}") == "officer"
    deliver(runtime)
    return ticket


def schedule_of(runtime: Any, sweep: DeadlineSweep, ticket: str) -> Any:
    return schedule(deadline_input(complaint(runtime, ticket)), sweep.rules)


def sweep_at(runtime: Any, sweep: DeadlineSweep, clock: Any, moment: Any) -> None:
    clock.now = moment
    sweep.run(runtime.store, clock())
    deliver(runtime)


def correct(app: Any, runtime: Any, tg_server: Any, ticket: str) -> None:
    """The compiler sends the corrected report privately, the ticket in its caption."""
    corrected = b"PK\x03\x04 corrected report " + ticket.encode()
    assert send_document(app, tg_server, PENYUSUN, f"{ticket} laporan revisi",
                         corrected) == "officer"
    fetch_all(runtime, tg_server)
    deliver(runtime)


def test_the_reminder_goes_to_the_compiler_then_back_to_the_approver(
        app, runtime, tg_server, clock):
    """Sent back before the reminder time: the compiler is reminded (with the reason and what
    to send), Kasi Tikkim is not; after the corrected upload, Kasi Tikkim is reminded to
    initial it, and the compiler not again."""
    ticket = sent_back(app, runtime, tg_server, clock)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    plan = schedule_of(runtime, sweep, ticket)
    kasi_before = len(tg_server.sent_texts(KASI))
    sweep_at(runtime, sweep, clock, plan.remind_at)
    [reminded] = notices(tg_server, PENYUSUN, ticket, "Pengingat batas waktu")
    assert "Menunggu: perbaikan draf dari Penyusun Laporan (dikembalikan" in reminded, reminded
    assert f"Catatan pengembalian: {REASON}" in reminded, reminded
    assert f"dengan {ticket} di keterangannya" in reminded, reminded
    assert not notices(tg_server, KASI, ticket, "Pengingat", kasi_before)
    assert not [t for t in tg_server.sent_texts(KASI)[kasi_before:] if ticket in t]

    correct(app, runtime, tg_server, ticket)
    kasi_before = len(tg_server.sent_texts(KASI))
    sweep_at(runtime, sweep, clock, sweep.rules.hours.add_service_minutes(plan.remind_at, 30))
    [again] = notices(tg_server, KASI, ticket, "Pengingat batas waktu", kasi_before)
    assert "Penanggung jawab: Kasi Tikkim" in again, again
    assert paraf_button(tg_server, KASI, ticket, "Pengingat batas waktu")
    assert "perbaikan draf" not in again and REASON not in again, again
    assert len(notices(tg_server, PENYUSUN, ticket, "Pengingat batas waktu")) == 1


def test_a_missed_deadline_reaches_the_leaders_as_waiting_for_the_correction(
        app, runtime, tg_server, clock):
    """At the deadline, the draft still uncorrected: the compiler and Kasi Tikkim (the first
    level of the ladder) hear that the draft waits for the compiler's correction since the
    day it was sent back, with no Paraf button; the group reads it without the reason; the
    Kepala Kantor hears it within a service day. Kasi Tikkim is never named as late."""
    ticket = sent_back(app, runtime, tg_server, clock)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    plan = schedule_of(runtime, sweep, ticket)
    group_before = len(tg_server.sent_texts(OFFICER_CHAT))
    sweep_at(runtime, sweep, clock, sweep.rules.hours.next_opening(plan.deadline))
    heading = "Terlambat: dilaporkan kepada Kasi Tikkim"
    [to_kasi] = notices(tg_server, KASI, ticket, heading)
    assert "draf menunggu perbaikan dari Penyusun Laporan sejak" in to_kasi, to_kasi
    assert "Penanggung jawab: Penyusun Laporan" in to_kasi, to_kasi
    assert not paraf_button(tg_server, KASI, ticket, heading), to_kasi
    assert notices(tg_server, PENYUSUN, ticket, heading)
    [in_group] = notices(tg_server, OFFICER_CHAT, ticket, heading, group_before)
    assert "draf menunggu perbaikan dari Penyusun Laporan sejak" in in_group, in_group
    assert REASON not in in_group, in_group
    # the Kepala Kantor: within one service day of the deadline, told the same
    later = sweep.rules.hours.add_service_minutes(plan.deadline, 480)
    sweep_at(runtime, sweep, clock, later)
    [to_head] = notices(tg_server, KEPALA, ticket, "Terlambat: dilaporkan kepada Kepala Kantor")
    assert "draf menunggu perbaikan dari Penyusun Laporan sejak" in to_head, to_head
    assert "Penanggung jawab: Kasi Tikkim" not in to_head, to_head


def test_the_sweep_and_the_uploads_know_the_same_drafts():
    """The correction the sweep waits for is a replacement of a document an approval covers
    (bot.sop.returns.DRAFTS): the same kinds the paperwork keeps drafts of."""
    assert set(returns.DRAFTS) == set(archive.TITLE)

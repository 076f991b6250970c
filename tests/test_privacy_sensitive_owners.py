"""On a sensitive complaint (a levy, an officer's conduct) nobody but a leader (Kasi Tikkim, the
Kepala Kantor, their Plh.) learns who is kept away from it, i.e. who is accused, nor the minute
it came in: the sweep's notices in the group and a non-leader's private copies name the role
only ("Petugas (pengaduan sensitif)"), /lihat names the step's officers to leaders only, and
every deadline a non-leader reads is the hour it falls in (step 2's deadline is the receipt plus
ten service minutes)."""
from __future__ import annotations

import json
import re

import pytest

from bot.dates import local_time
from bot.roster import Officer
from bot.sop.sweep import DeadlineSweep
from tests.conftest import OPEN_TIME
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, channel_env, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import officer

pytestmark = pytest.mark.timeout(150)
SECOND, THIRD = 100000031, 100000032          # two more front-line officers on the roster
HOUR = re.compile(r"\d{2}\.00\u2013\d{2}\.00 WITA")


@pytest.fixture
def three_petugas(make_app, db_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    """(app, runtime) with three petugas: a complaint naming one leaves step 2 to the others."""
    app, runtime = make_app(db_url, **channel_env(tg_server, tw_server))
    runtime.config.office_config.roster.extend([
        Officer(telegram_id=SECOND, name="Dewi Lestari", role="petugas"),
        Officer(telegram_id=THIRD, name="Rudi Hartono", role="petugas")])
    return app, runtime


def mentions(message: str, user_id: int) -> bool:
    return f"tg://user?id={user_id}" in message or f'"id": {user_id}' in message


def about(tg_server, chat: int, ticket: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every message sent to a chat about the ticket, as sent (entities and markup too)."""
    return [json.dumps(c.params, ensure_ascii=False) for c in tg_server.sent_messages(chat)
            if ticket in json.dumps(c.params)]


def levy_naming_the_petugas(app, runtime, clock) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A levy complaint naming the (first) petugas, filed at a minute that is not :00; the
    ticket and its step-2 deadline as a leader reads it."""
    clock.advance(minutes=7)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6285210468499")
    for said in ("halo", "1", "Petugas Pengaduan minta uang lima ratus ribu supaya paspor cepat",
                 "lanjut"):
        phone.says(said)
    reply = walk(phone.says, phone.says("4"), {"Siapa atau unit": "Petugas Pengaduan"})
    ticket = TICKET.search(reply).group(0)
    with runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        assert unit.excluded_officers(complaint.id) == {str(PETUGAS)}
        due = complaint.due_at
    assert due.minute != 0
    deliver(runtime)
    return ticket, local_time(runtime.config.office_config, due)


def sweep_twice(runtime, clock) -> None:  # type: ignore[no-untyped-def]
    """The step-2 reminder (80 % of 10 minutes after the office opens), then the
    escalations."""
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    clock.now = OPEN_TIME.replace(hour=8)
    for minutes in (8, 30):
        clock.advance(minutes=minutes)
        sweep.run(runtime.store, clock())
    deliver(runtime)


def test_the_sweeps_notices_name_the_officers_left_to_leaders_only(three_petugas, tg_server,
                                                                   clock):
    """Two petugas of three are left: a notice mentioning those two names the third. Filed
    before the office opens, the complaint reaches the group at the 08.00 slot and its step-2
    deadline is counted from the opening: its notices are not timed by the minute of filing
    (bot.sop.sweep.DeadlineSweep.timed_by_receipt), so the group and the petugas get them."""
    app, runtime = three_petugas
    clock.now = OPEN_TIME.replace(hour=7)
    ticket, exact = levy_naming_the_petugas(app, runtime, clock)
    sweep_twice(runtime, clock)
    group = [m for m in about(tg_server, OFFICER_CHAT, ticket)
             if "Terlambat" in m or "Pengingat" in m]
    assert any("Terlambat" in m for m in group), group
    for message in group:
        assert not any(mentions(message, who) for who in (PETUGAS, SECOND, THIRD)), message
        assert "Dewi" not in message and "Rudi" not in message, message
        assert "Petugas (pengaduan sensitif)" in message
        assert exact not in message and HOUR.search(message), message
    for petugas, other in ((SECOND, "Rudi"), (THIRD, "Dewi")):
        private = [m for m in about(tg_server, petugas, ticket)
                   if "Terlambat" in m or "Pengingat" in m or "Giliran" in m]
        assert any("Pengingat" in m for m in private) and any("Terlambat" in m for m in private)
        for message in private:
            assert other not in message and exact not in message, message
            assert not any(mentions(message, who) for who in (SECOND, THIRD)), message
            assert HOUR.search(message), message
        assert all("Petugas (pengaduan sensitif), termasuk Anda" in m for m in private
                   if "Giliran" not in m)
    # The Kasi Tikkim, whom the escalation reaches privately, reads who is responsible.
    [kasi] = [m for m in about(tg_server, KASI, ticket) if "Terlambat" in m]
    assert mentions(kasi, SECOND) and mentions(kasi, THIRD) and exact in kasi
    assert about(tg_server, PETUGAS, ticket) == []


def test_lihat_and_the_lists_name_the_step_by_role_for_non_leaders(three_petugas, tg_server,
                                                                   clock):
    app, runtime = three_petugas
    ticket, exact = levy_naming_the_petugas(app, runtime, clock)
    already = {chat: len(tg_server.sent_texts(chat)) for chat in (SECOND, KASI, OFFICER_CHAT)}
    assert officer(app, SECOND, private=True).send(f"/lihat {ticket}") == "officer"
    assert officer(app, KASI, private=True).send(f"/lihat {ticket}") == "officer"
    deliver(runtime)

    def step_line(chat: int) -> str:
        [found] = [line for text in tg_server.sent_texts(chat)[already[chat]:]
                   for line in text.splitlines() if "Langkah berikutnya" in line]
        return found
    mine = step_line(SECOND)
    assert "(Petugas, pengaduan sensitif)" in mine and "Rudi" not in mine and "Dewi" not in mine
    assert exact not in mine and HOUR.search(mine), mine
    kasis = step_line(KASI)
    assert "Dewi Lestari" in kasis and "Rudi Hartono" in kasis and exact in kasis, kasis
    # the group's alert waits for its slot, when the step-2 deadline has passed: said without
    # the hour it fell in
    from bot.notify import alert_slot
    assert not [m for m in about(tg_server, THIRD, ticket) if "Giliran Anda" in m]
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    # the private "Giliran Anda" of a petugas, at the slot too: the hour, not the minute
    [turn] = [m for m in about(tg_server, THIRD, ticket) if "Giliran Anda" in m]
    assert exact not in turn and HOUR.search(turn), turn
    [alert] = [m for m in about(tg_server, OFFICER_CHAT, ticket) if "Pengaduan baru" in m]
    # as /lihat reads it: as of the slot, by the hour (test_privacy_s33.py)
    assert exact not in alert and "TERLAMBAT" not in alert and HOUR.search(alert), alert
    # the group's /aduan (which lists it from its slot on, bot.desk.privacy.released): by role,
    # late in whole hours, counted as if it came in at the slot (owners.coarse_due)
    clock.advance(hours=2)
    already[OFFICER_CHAT] = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, SECOND).send("/aduan") == "officer"
    deliver(runtime)
    listed = [line for text in tg_server.sent_texts(OFFICER_CHAT)[already[OFFICER_CHAT]:]
              for line in text.splitlines() if ticket in line]
    assert listed and all(exact not in line and "Rudi" not in line for line in listed), listed
    whole_hours = re.compile(r"terlambat (kurang dari 1 jam|\d+ jam)</b>$")
    assert any(whole_hours.search(line) for line in listed), listed

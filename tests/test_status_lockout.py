"""Status look-ups are protected in the database: failures per person and per ticket survive
"menu", "batal" and restarts; locks last an hour; a lost PIN is reissued by Kasi Tikkim."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import OfficerAction, StatusFailure, StatusLock
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import file_complaint

pytestmark = pytest.mark.timeout(120)


def stranger(app, runtime, n: int) -> TwilioSender:  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=f"+62811000{n:05d}")
    phone.say("halo")
    return phone


def file_anonymously(phone: TwilioSender) -> tuple[str, str]:
    """`file_complaint`, recording no identity (the intake's default is a name); (ticket, PIN)."""
    for said in ("halo", "1", "Paspor saya sudah 3 minggu belum jadi", "lanjut"):
        phone.say(said)
    reply = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "anonim"})
    return TICKET.search(reply).group(0), re.search(r"PIN: \*?(\d{6})", reply).group(1)


def wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def test_five_failures_lock_a_person_whatever_they_type_in_between(make_app, db_url):
    app, runtime = make_app(db_url)
    ticket, pin = file_complaint(TwilioSender(app.test_client(), runtime.config.settings))
    guesser = stranger(app, runtime, 1)
    left = []
    for said in ("menu", "batal", "bantuan", "menu"):
        reply = guesser.says(f"status {ticket} {wrong(pin)}")
        left.append(re.search(r"Sisa percobaan: (\d)", reply).group(1))
        guesser.say(said)
    assert left == ["4", "3", "2", "1"] and "Lupa PIN" in reply
    runtime.store.dispose()
    app, runtime = make_app(db_url)                       # another process: nothing forgotten
    guesser = TwilioSender(app.test_client(), runtime.config.settings, number="+6281100000001")
    locked = guesser.says(f"status {ticket} {wrong(pin)}")
    assert "Terlalu banyak percobaan" in locked and "Lupa PIN" in locked and "WITA" in locked
    assert "Terlalu banyak percobaan" in guesser.says(f"status {ticket} {pin}")   # even right
    assert "Terlalu banyak percobaan" in guesser.says("status TRK-2222-3333 123456")
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    assert ticket in owner.says(f"status {ticket}")          # the filer is never locked out


def test_ten_failures_on_a_ticket_lock_it_for_everyone_for_an_hour(app_runtime, clock):
    app, runtime = app_runtime
    ticket, pin = file_complaint(TwilioSender(app.test_client(), runtime.config.settings))
    for n in range(5):                                         # 5 people × 2 wrong PINs
        guesser = stranger(app, runtime, 10 + n)
        guesser.say(f"status {ticket} {wrong(pin)}")
        reply = guesser.says(f"status {ticket} {wrong(pin)}")
    assert "Terlalu banyak percobaan" in reply
    newcomer = stranger(app, runtime, 99)
    assert "Terlalu banyak percobaan" in newcomer.says(f"status {ticket} {pin}")
    other_ticket = file_complaint(TwilioSender(app.test_client(), runtime.config.settings,
                                               number="+6281300000000"))
    assert other_ticket[0] in newcomer.says(f"status {other_ticket[0]} {other_ticket[1]}")
    clock.advance(minutes=59)
    assert "Terlalu banyak percobaan" in newcomer.says(f"status {ticket} {pin}")
    clock.advance(minutes=2)
    assert ticket in newcomer.says(f"status {ticket} {pin}")
    with runtime.store.unit() as unit:
        locks = {(l.subject, l.key) for l in unit.session.scalars(select(StatusLock))}
        failures = unit.session.scalars(select(StatusFailure)).all()
    assert ("ticket", ticket) in locks and len([f for f in failures if f.key == ticket]) == 10
    assert all(f.key.startswith("complainant:") or f.key == ticket for f in failures)


def test_kasi_tikkim_reissues_a_lost_pin_to_the_complainants_own_channel(bot_app, tw_server,
                                                                        tg_server):
    app, runtime = bot_app
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, old_pin = file_anonymously(owner)
    for n in range(10):
        stranger(app, runtime, 20 + n).say(f"status {ticket} {wrong(old_pin)}")
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/pinbaru {ticket}") == "refused"
    group = TelegramUser(app.test_client(), KASI, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/pinbaru {ticket}") == "refused"            # never in the group
    assert TelegramUser(app.test_client(), KASI).send(f"/pinbaru {ticket}") == "officer"
    deliver(runtime)
    [sent] = tw_server.sent_messages(to="whatsapp:+6281234567890")
    new_pin = re.search(r"\*(\d{6})\*", sent.params["Body"]).group(1)
    assert "PIN baru" in sent.params["Body"] and ticket in sent.params["Body"]
    told = tg_server.sent_texts(KASI)[-1]
    assert "dikirim kepada pelapor lewat WhatsApp." in told and new_pin not in told
    assert "7890" not in told                         # an anonymous complainant: no number
    someone = stranger(app, runtime, 50)
    assert "tidak cocok" in someone.says(f"status {ticket} {old_pin}")    # lock lifted, old PIN dead
    assert ticket in someone.says(f"status {ticket} {new_pin}")
    with runtime.store.unit() as unit:
        logged = unit.session.scalars(select(OfficerAction).where(
            OfficerAction.action == "reissue_pin")).all()
        trail = unit.complaint_by_ticket(ticket).events
    assert [(a.actor_id, a.allowed) for a in logged] == [(str(PETUGAS), False), (str(KASI), False),
                                                        (str(KASI), True)]
    assert trail[-1].action == "pin_reissued" and "verifikasi" in trail[-1].note
    assert new_pin not in "".join(a.detail or "" for a in logged)

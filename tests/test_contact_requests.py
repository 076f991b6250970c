"""Talk to an officer: one open request per person (repeats join it), the group never learns a
protected complainant's identity or ticket from it; and a flood of messages is slowed, not lost."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from storage.models import ContactRequest, Message
from tests.support.intake import walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import file_complaint

pytestmark = pytest.mark.timeout(120)


def requests(runtime) -> list[ContactRequest]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return list(unit.session.scalars(select(ContactRequest).order_by(ContactRequest.id)))


def group_requests(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(OFFICER_CHAT) if "meminta bicara" in t]


def test_fifty_asks_make_one_request_and_one_group_message(bot_app, tg_server):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700021")
    phone.say("halo")
    assert "sudah kami teruskan" in phone.says("4")
    for _ in range(49):
        reply = phone.says("4")
    assert "sudah ada pada petugas" in reply
    [request] = requests(runtime)
    assert (request.status, request.asks, request.channel) == ("open", 50, "whatsapp")
    deliver(runtime)
    [alert] = group_requests(tg_server)
    code = re.search(r"\bT-\d{7}\b", alert).group(0)        # the talk's own code
    assert f"/pesan {code}" in alert and f"P-{request.complainant_id}" not in alert and "+62" not in alert and "7700021" not in alert
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")
    assert group.send(f"/pesan {code} Selamat siang, ada yang bisa kami bantu?") == "officer"
    [request] = requests(runtime)
    assert (request.status, request.answered_by) == ("answered", str(PETUGAS))
    assert "sudah kami teruskan" in phone.says("4")          # asking again: a new request
    assert [r.status for r in requests(runtime)] == ["answered", "open"]
    deliver(runtime)
    assert len(group_requests(tg_server)) == 2
    # the new request has a code of its own; closing the live talk by it closes both
    latest = re.search(r"\bT-\d{7}\b", group_requests(tg_server)[-1]).group(0)
    assert latest != code
    assert group.send(f"/tutup {latest}") == "officer"
    assert group.send(f"/tutup {latest}") == "refused"
    assert {r.status for r in requests(runtime)} == {"closed"}


@pytest.mark.parametrize("identity", ["anonim", "named-confidential"])
def test_a_protected_complainant_asking_for_an_officer_stays_protected(bot_app, tg_server,
                                                                      identity):
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700022",
                         profile_name="Dewi Lestari")
    if identity == "anonim":
        ticket, _ = file_complaint(phone, story="Ada calo minta uang di depan kantor",
                                   type_choice="4")
    else:
        for said in ("halo", "1", "Petugas loket minta uang 500rb", "lanjut", "4", "kemarin",
                     "1", "lewati", "lanjut", "1", "ya, rahasiakan"):
            phone.say(said)
        ticket = __import__("re").search(r"TRK-[\w-]{9}", phone.says("1")).group(0)
    phone.say("menu")
    phone.say("4")
    deliver(runtime)
    # A sensitive complaint's author is answered by the leaders only: the group hears nothing
    # of the request; the leaders hear of it privately, with its ticket and the talk's own code.
    assert group_requests(tg_server) == []
    for leader in (KASI, KEPALA):
        [told] = [t for t in tg_server.sent_texts(leader) if "meminta bicara" in t]
        assert ticket in told and "/pesan R-" in told and not re.search(r"\bP-\d+", told)


def test_a_named_complainant_request_shows_the_code_only(bot_app, tg_server):
    """The group's notice of a talk never names the person, their number or their ticket, even
    when all their complaints are named: left out only once they filed a concealed one, it told
    the group that they had (tests/test_privacy_s22c.py). The officers answer by the code."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700023",
                         profile_name="Andi Wijaya")
    for said in ("halo", "1", "Paspor saya sudah tiga minggu belum jadi", "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "1"})  # named
    ticket = __import__("re").search(r"TRK-[\w-]{9}", filed).group(0)
    phone.say("4")
    deliver(runtime)
    [alert] = group_requests(tg_server)
    code = re.search(r"\bT-\d{7}\b", alert).group(0)
    assert f"/pesan {code}" in alert and f"P-{requests(runtime)[0].complainant_id}" not in alert
    for leak in (ticket, "Andi", "Wijaya", "0023", "6281377700023", "Tiket terakhir"):
        assert leak not in alert, (leak, alert)


def test_faster_than_a_person_types_is_slowed_once_and_nothing_is_lost(make_app, db_url):
    app, runtime = make_app(db_url, human_pace=True)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700024")
    phone.say("halo")
    phone.say("1")
    answers = [phone.says(f"bagian {n} dari cerita saya tentang antrian") for n in range(12)]
    slowed = [a for a in answers if "lebih cepat dari yang bisa kami tanggapi" in a]
    assert len(slowed) == 1 and answers[-1] == ""           # one calm message, then quiet
    with runtime.store.unit() as unit:
        kept = unit.session.scalar(select(func.count()).select_from(Message).where(
            Message.direction == "in", Message.address == "+6281377700024"))
        story = unit.conversation("whatsapp", "+6281377700024").data["story"]
    assert kept == 14 and len(story) == 12                   # every message, the whole story

"""A passport application or stay permit number names its holder: any officer can look it up in
the immigration system and read the name, photo and address. So it follows the identity table
(README, "Privacy"): shown to whoever may see the complainant's identity, masked for everyone
else (the group and other officers for a confidential complaint, everyone for an anonymous
one)."""
from __future__ import annotations

import re

import pytest

from bot.notify import alert_slot
from tests.support.intake import walk
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver)
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
APPLICATION = "2026112700458812"


def file_passport_complaint(app, runtime, number: str, identity: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Opa Tarakan")
    for said in ("halo", "1", "Paspor saya belum jadi sudah lima minggu, katanya berkas hilang",
                 "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"Anda, bila ada? Boleh dilewati": APPLICATION, **identity})
    return re.search(r"TRK-[\w-]{9}", filed).group(0)


@pytest.mark.parametrize(("identity", "leaders_see"), [
    ({"identitas Anda dicatat": "anonim"}, False),
    ({"identitas Anda dicatat": "rahasiakan", "Tulis nama Anda": "Daeng Mappaturung"}, True),
])
def test_an_application_number_follows_the_identity_table(bot_app, tg_server, clock, identity,
                                                          leaders_see):
    app, runtime = bot_app
    ticket = file_passport_complaint(app, runtime, "+6281377700123", identity)
    with runtime.store.unit() as unit:
        filed = unit.complaint_by_ticket(ticket)
        assert filed.reference_number == APPLICATION and filed.identity_mode != "named"
    # the group knows a concealed complaint from its alert's slot (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    group.send(f"/lihat {ticket}")
    TelegramUser(app.test_client(), PETUGAS).send(f"/lihat {ticket}")
    TelegramUser(app.test_client(), KASI).send(f"/lihat {ticket}")
    deliver(runtime)
    for chat in (OFFICER_CHAT, PETUGAS):
        texts = tg_server.sent_texts(chat)
        assert any(ticket in t for t in texts)
        assert not [t for t in texts if APPLICATION in t], chat
        assert any("Nomor permohonan/izin" in t for t in texts)          # said to be kept
    kasi = [t for t in tg_server.sent_texts(KASI) if ticket in t]
    assert any(APPLICATION in t for t in kasi) is leaders_see


def test_a_named_complainants_application_number_is_shown(bot_app, tg_server):
    app, runtime = bot_app
    ticket = file_passport_complaint(app, runtime, "+6281377700124",
                                     {"identitas Anda dicatat": "1"})
    TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                 chat_type="supergroup").send(f"/lihat {ticket}")
    deliver(runtime)
    assert any(APPLICATION in t for t in tg_server.sent_texts(OFFICER_CHAT))


@pytest.mark.parametrize("story", [
    "NIK saya 6471011205900003, paspor saya belum jadi",
    "KTP: 6471 0112 0590 0003 tolong dicek", "no paspor lama C1234567 hilang",
    "nomor permohonan 2026112700458812 sudah lima minggu",
])
def test_identity_numbers_in_a_concealed_story_are_left_out(bot_app, tg_server, clock, story):
    """People type their NIK (16 digits: it names them), their passport number or their
    application number into the story; for an anonymous complainant every officer reads the
    story without them."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700125",
                         profile_name="Opa Tarakan")
    for said in ("halo", "1", story, "lanjut"):
        phone.say(said)
    filed = walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "anonim",
                                               "Pengaduan Anda tentang apa": "1"})
    ticket = re.search(r"TRK-[\w-]{9}", filed).group(0)
    TelegramUser(app.test_client(), KASI).send(f"/lihat {ticket}")
    clock.now = alert_slot(runtime.config.office_config, clock())    # the group's alert too
    deliver(runtime)
    seen = tg_server.sent_texts(OFFICER_CHAT) + tg_server.sent_texts(KASI)
    assert any(ticket in t for t in tg_server.sent_texts(OFFICER_CHAT))
    digits = [re.sub(r"[\s.\-]", "", t) for t in seen]
    for secret in ("6471011205900003", "C1234567", "2026112700458812", "01120590", "6471"):
        assert not any(secret in d for d in digits), (secret, [t for t in seen if ticket in t])
